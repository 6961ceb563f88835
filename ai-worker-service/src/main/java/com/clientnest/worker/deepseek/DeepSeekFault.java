package com.clientnest.worker.deepseek;

/** What went wrong with one DeepSeek call, as far as deciding what to do next goes. */
public enum DeepSeekFault {
    /** 400: the request body is malformed for DeepSeek; the same request fails the same way. */
    BAD_REQUEST,
    /** 422: a parameter is invalid; the same request fails the same way. */
    INVALID_PARAMETERS,
    /** Another 4xx that is a property of the request. */
    REJECTED,
    /** 401 (key) or 402 (insufficient balance): a state of the account, not of the request. */
    ACCOUNT,
    /** 429: the account's concurrency limit is reached. */
    RATE_LIMITED,
    /** 5xx: DeepSeek is failing. */
    UNAVAILABLE,
    /** No complete answer within the call's deadline. */
    TIMEOUT,
    /** DeepSeek cannot be reached. */
    CONNECTION,
    /** A 200 whose body or content cannot be used; DeepSeek documents blank content under load. */
    UNUSABLE_ANSWER,
    /** The answer was cut by {@code max_tokens}. */
    OUTPUT_TRUNCATED;

    /** Whether the fault says DeepSeek itself is unhealthy, which is what the circuit breaker counts. */
    public boolean isOutage() {
        return this == RATE_LIMITED || this == UNAVAILABLE || this == TIMEOUT || this == CONNECTION;
    }
}
