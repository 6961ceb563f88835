package com.clientnest.cost;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every client mistake becomes an RFC 9457 problem with a stable {@code code}, including the ones Spring MVC
 * detects itself (missing parameter, wrong method, unknown path).
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    static final String CODE = "code";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException exception, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, exception.getMessage());
        return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && status.is4xxClientError()) {
            problem.setProperty(CODE, codeOf(status));
        }
        return response;
    }

    private static String codeOf(HttpStatusCode status) {
        return status.value() == HttpStatus.NOT_FOUND.value() ? "not_found" : "validation_failed";
    }
}
