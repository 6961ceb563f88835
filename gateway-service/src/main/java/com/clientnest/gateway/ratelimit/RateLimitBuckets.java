package com.clientnest.gateway.ratelimit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code rate_limit_buckets} table. Refill and take happen in one conditional upsert: PostgreSQL locks the
 * user's row, and a concurrent take blocked on it re-evaluates the condition against the row the first one left,
 * so gateways on any number of machines share one exact limit per user.
 */
@Repository
class RateLimitBuckets {

    private final JdbcClient jdbc;

    RateLimitBuckets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes one token if the refilled bucket holds one.
     *
     * @return the tokens left after taking, or a negative number of the tokens missing when nothing was taken
     */
    double take(String userId, int capacity, double perSecond) {
        Double left = jdbc.sql("""
                        INSERT INTO rate_limit_buckets AS b (user_id, tokens, refilled_at)
                        VALUES (:userId, :capacity - 1, now())
                        ON CONFLICT (user_id) DO UPDATE SET
                            tokens = LEAST(:capacity, b.tokens
                                + EXTRACT(EPOCH FROM (now() - b.refilled_at)) * :perSecond) - 1,
                            refilled_at = now()
                        WHERE LEAST(:capacity, b.tokens
                                + EXTRACT(EPOCH FROM (now() - b.refilled_at)) * :perSecond) >= 1
                        RETURNING tokens
                        """)
                .param("userId", userId)
                .param("capacity", (double) capacity)
                .param("perSecond", perSecond)
                .query(Double.class)
                .optional()
                .orElse(null);
        if (left != null) {
            return left;
        }
        double available = jdbc.sql("""
                        SELECT LEAST(:capacity, tokens + EXTRACT(EPOCH FROM (now() - refilled_at)) * :perSecond)
                        FROM rate_limit_buckets WHERE user_id = :userId
                        """)
                .param("userId", userId)
                .param("capacity", (double) capacity)
                .param("perSecond", perSecond)
                .query(Double.class)
                .single();
        return Math.min(available - 1, -Double.MIN_VALUE);
    }
}
