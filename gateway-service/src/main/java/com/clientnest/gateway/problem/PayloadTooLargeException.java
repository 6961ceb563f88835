package com.clientnest.gateway.problem;

import java.io.IOException;
import java.util.Map;

/**
 * A request body that passed the size limit while being read. An {@link IOException}, so it travels out of whatever
 * is reading the body (the JSON parser) and reaches {@link ProblemHandler} as the cause of the read failure.
 */
public final class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The problem a client gets for a body over {@code limit} bytes. */
    public static ProblemException problem(long limit) {
        return new ProblemException(
                ProblemCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + limit + " bytes",
                Map.of("limit", limit),
                Map.of());
    }
}
