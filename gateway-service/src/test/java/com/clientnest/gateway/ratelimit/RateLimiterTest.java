package com.clientnest.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final int LIMIT = 60;
    private static final double PER_SECOND = 1.0;

    @Test
    void allowsARequestAndReportsWholeRequestsLeftAndSecondsUntilTheBucketIsFull() {
        // When a full bucket of 60 gives one
        RateLimitDecision decision = RateLimiter.decide(LIMIT, PER_SECOND, 59.0);

        // Then
        assertThat(decision).isEqualTo(new RateLimitDecision(true, 60, 60, 59, 1));
        assertThat(decision.policyHeader()).isEqualTo("\"per-user\";q=60;w=60");
        assertThat(decision.rateLimitHeader()).isEqualTo("\"per-user\";r=59;t=1");
    }

    @Test
    void allowsTheLastRequestInTheBucketAndCountsAFractionAsNoneLeft() {
        // When the bucket held 1.5 and gives one
        RateLimitDecision decision = RateLimiter.decide(LIMIT, PER_SECOND, 0.5);

        // Then half a request is left, which is none, and the bucket fills again in 59.5 s
        assertThat(decision).isEqualTo(new RateLimitDecision(true, 60, 60, 0, 60));
    }

    @Test
    void refusesWhenLessThanOneRequestIsLeftAndSaysWhenTheNextOneIsAvailable() {
        // Given 10 requests a minute: one every 6 s; the bucket holds 0.25 of one
        RateLimitDecision decision = RateLimiter.decide(10, 10.0 / 60, -0.75);

        // Then the missing 0.75 takes 4.5 s, announced as 5
        assertThat(decision).isEqualTo(new RateLimitDecision(false, 10, 60, 0, 5));
        assertThat(decision.rateLimitHeader()).isEqualTo("\"per-user\";r=0;t=5");
    }
}
