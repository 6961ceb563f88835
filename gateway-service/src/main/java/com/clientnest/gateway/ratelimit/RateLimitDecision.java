package com.clientnest.gateway.ratelimit;

/**
 * The outcome of taking one request from a user's bucket, with what the IETF {@code RateLimit} headers report.
 *
 * @param allowed whether the request may go on
 * @param limit requests per window (the bucket's capacity)
 * @param windowSeconds the window the limit is counted over
 * @param remaining whole requests left in the bucket after this one
 * @param resetSeconds seconds until the bucket is full again, or, when refused, until one request is available
 */
record RateLimitDecision(boolean allowed, int limit, int windowSeconds, long remaining, long resetSeconds) {

    /** {@code RateLimit-Policy}, draft-ietf-httpapi-ratelimit-headers: quota {@code q} per window {@code w}. */
    String policyHeader() {
        return "\"per-user\";q=" + limit + ";w=" + windowSeconds;
    }

    /** {@code RateLimit}: remaining {@code r} and seconds {@code t} until the quota is restored. */
    String rateLimitHeader() {
        return "\"per-user\";r=" + remaining + ";t=" + resetSeconds;
    }
}
