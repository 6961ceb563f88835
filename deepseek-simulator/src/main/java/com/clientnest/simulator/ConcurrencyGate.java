package com.clientnest.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * DeepSeek's account concurrency limit: a count of calls being served, refused above the limit instead of queued,
 * because the real service answers 429 rather than making callers wait.
 */
final class ConcurrencyGate {

    private final AtomicInteger inUse = new AtomicInteger();
    private volatile int limit;

    ConcurrencyGate(int limit) {
        limit(limit);
    }

    boolean tryAcquire() {
        while (true) {
            int current = inUse.get();
            if (current >= limit) {
                return false;
            }
            if (inUse.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        inUse.decrementAndGet();
    }

    int limit() {
        return limit;
    }

    void limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the concurrency limit must be positive");
        }
        this.limit = limit;
    }
}
