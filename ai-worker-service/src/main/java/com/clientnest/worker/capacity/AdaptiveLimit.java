package com.clientnest.worker.capacity;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * This instance's DeepSeek concurrency, adapted to 429s. It starts small and each successful call adds one, up to
 * the ceiling, the instance's fleet share (a slow start: the limit doubles per round trip while calls succeed). A
 * 429 means the account's limit is reached (another fleet, a lower limit than configured, a share not yet shrunk),
 * so the limit halves and stays there for a back-off period before it probes up again. A burst of 429s from one
 * overshoot cuts the limit once. A smaller ceiling applies at once; a larger one is grown into.
 */
final class AdaptiveLimit {

    private final long holdNanos;
    private final LongSupplier nanoClock;
    private int ceiling;
    private int limit;
    private long holdUntil;

    AdaptiveLimit(int initialLimit, Duration rateLimitedBackoff, LongSupplier nanoClock) {
        this.limit = initialLimit;
        this.holdNanos = rateLimitedBackoff.toNanos();
        this.nanoClock = nanoClock;
        this.holdUntil = nanoClock.getAsLong();
    }

    synchronized int limit() {
        return Math.min(limit, ceiling);
    }

    /** A new fleet share. */
    synchronized void ceiling(int newCeiling) {
        ceiling = newCeiling;
        limit = Math.min(limit, Math.max(1, newCeiling));
    }

    synchronized void onRateLimited() {
        long now = nanoClock.getAsLong();
        if (now - holdUntil < 0) {
            return;
        }
        limit = Math.max(1, Math.min(limit, ceiling) / 2);
        holdUntil = now + holdNanos;
    }

    synchronized void onSuccess() {
        if (limit < ceiling && nanoClock.getAsLong() - holdUntil >= 0) {
            limit++;
        }
    }
}
