package com.clientnest.gateway.problem;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database out of reach is the gateway's outage, not a fault of the request: {@code 503 unavailable} with
 * {@code Retry-After}. Ordered before {@link ProblemHandler}, whose catch-all would otherwise answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(UnavailableHandler.class);

    private final Duration retryAfter;

    UnavailableHandler(@Value("${clientnest.gateway.database-unavailable-retry-after:5s}") Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    // TransactionSystemException: the commit or rollback itself failed, i.e. the connection died in the middle of a
    // transaction (seen when PostgreSQL crashed under load). Whether it stored anything is unknown to the caller, who
    // retries with the same Idempotency-Key.
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        QueryTimeoutException.class,
        TransactionSystemException.class
    })
    ResponseEntity<Object> databaseUnavailable(Exception ex) {
        log.warn("The database is out of reach: {}", ex.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return Problems.entity(
                Problems.of(ProblemCode.UNAVAILABLE, "The service is briefly unavailable; please retry shortly"),
                headers);
    }
}
