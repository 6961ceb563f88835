package com.clientnest.simulator;

/** Thrown while reading a request that DeepSeek would refuse; carries the refusal. No stack trace: it is an answer. */
final class RequestRejected extends RuntimeException {

    private final transient ApiError error;

    RequestRejected(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
