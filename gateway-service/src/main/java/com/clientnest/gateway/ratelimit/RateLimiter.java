package com.clientnest.gateway.ratelimit;

import com.clientnest.schemas.events.Tier;
import org.springframework.stereotype.Service;

/** Applies the per-user limit of the user's tier. */
@Service
class RateLimiter {

    static final int WINDOW_SECONDS = 60;

    private final RateLimitBuckets buckets;
    private final RateLimitProperties properties;

    RateLimiter(RateLimitBuckets buckets, RateLimitProperties properties) {
        this.buckets = buckets;
        this.properties = properties;
    }

    RateLimitDecision take(String userId, Tier tier) {
        int limit = properties.of(tier);
        double perSecond = (double) limit / WINDOW_SECONDS;
        double left = buckets.take(userId, limit, perSecond);
        return decide(limit, perSecond, left);
    }

    /** The decision for what {@link RateLimitBuckets#take} left: tokens left, or the negative shortfall. */
    static RateLimitDecision decide(int limit, double perSecond, double left) {
        if (left >= 0) {
            long remaining = (long) Math.floor(left + 1e-9);
            long untilFull = (long) Math.ceil((limit - left) / perSecond - 1e-9);
            return new RateLimitDecision(true, limit, WINDOW_SECONDS, remaining, Math.max(untilFull, 0));
        }
        long untilOne = Math.max(1, (long) Math.ceil(-left / perSecond - 1e-9));
        return new RateLimitDecision(false, limit, WINDOW_SECONDS, 0, untilOne);
    }
}
