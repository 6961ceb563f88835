package com.clientnest.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

class UnavailableHandlerTest {

    private final ExceptionHandlerMethodResolver resolver =
            new ExceptionHandlerMethodResolver(UnavailableHandler.class);

    @Test
    void givenTheDatabaseLostInAnyOfItsWaysThenEachIsAnsweredAsUnavailableWithRetryAfter() {
        // Given the ways a lost database reaches a request, among them a rollback that fails because the connection
        // died in the middle of the transaction (PostgreSQL crashed under load)
        List<Exception> failures = List.of(
                new DataAccessResourceFailureException("connection refused"),
                new CannotCreateTransactionException("no connection"),
                new TransactionSystemException("JDBC rollback failed", new SQLException("An I/O error occurred")));
        UnavailableHandler handler = new UnavailableHandler(Duration.ofSeconds(5));

        // When each is handled
        List<String> answers = failures.stream()
                .map(failure -> {
                    Method method = resolver.resolveMethodByThrowable(failure);
                    ResponseEntity<Object> answer = handler.databaseUnavailable(failure);
                    return (method == null ? "unhandled" : method.getName()) + " "
                            + answer.getStatusCode().value()
                            + " "
                            + ((ProblemDetail) answer.getBody()).getProperties().get("code") + " "
                            + answer.getHeaders().getFirst("Retry-After");
                })
                .toList();

        // Then every one is 503 unavailable, to retry in 5 s
        assertThat(answers)
                .containsExactly(
                        "databaseUnavailable 503 unavailable 5",
                        "databaseUnavailable 503 unavailable 5",
                        "databaseUnavailable 503 unavailable 5");
    }
}
