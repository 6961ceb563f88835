package com.clientnest.gateway.quota;

/** The tokens reserved for one request: its prompt at most, and the most it may complete. */
record TokenEstimate(long promptTokens, long completionTokens) {

    /** The estimate of {@code calls} calls of the same prompt, for the variants of content suggestions. */
    TokenEstimate times(int calls) {
        return new TokenEstimate(promptTokens * calls, completionTokens * calls);
    }
}
