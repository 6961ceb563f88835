package com.clientnest.gateway.problem;

import org.springframework.http.HttpStatus;

/** The stable, machine-readable {@code code} of every problem the gateway answers with, and its HTTP status. */
public enum ProblemCode {
    VALIDATION_FAILED("validation_failed", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not_found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method_not_allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not_acceptable", HttpStatus.NOT_ACCEPTABLE),
    /** The request is final or already with a worker, so it can no longer be cancelled. */
    NOT_CANCELLABLE("not_cancellable", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload_too_large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** An {@code Idempotency-Key} already used for a different body or endpoint. */
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", HttpStatus.UNPROCESSABLE_CONTENT),
    RATE_LIMITED("rate_limited", HttpStatus.TOO_MANY_REQUESTS),
    // After RATE_LIMITED, so a framework-raised 429 keeps that code.
    QUOTA_EXCEEDED("quota_exceeded", HttpStatus.TOO_MANY_REQUESTS),
    BUDGET_EXHAUSTED("budget_exhausted", HttpStatus.PAYMENT_REQUIRED),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    // The ops desk: a dead letter is handled once; only a request's letter goes back to a lane.
    ALREADY_REPLAYED("already_replayed", HttpStatus.CONFLICT),
    ALREADY_DISCARDED("already_discarded", HttpStatus.CONFLICT),
    NOT_REPLAYABLE("not_replayable", HttpStatus.CONFLICT),
    INTERNAL_ERROR("internal_error", HttpStatus.INTERNAL_SERVER_ERROR);

    private final String code;
    private final HttpStatus status;

    ProblemCode(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    /** The code a framework-raised error of this status gets; any other client error is a validation failure. */
    static ProblemCode forStatus(int status) {
        for (ProblemCode candidate : values()) {
            if (candidate.status.value() == status) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
    }
}
