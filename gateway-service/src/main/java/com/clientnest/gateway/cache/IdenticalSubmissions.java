package com.clientnest.gateway.cache;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Lines up this gateway's submissions of identical requests before they take a database connection. Each of them
 * waits for its key's advisory lock ({@link CacheKeyLock}) inside a transaction; without this queue a burst of
 * hundreds of identical requests would hold every pooled connection while waiting on one another, and unrelated
 * requests would get {@code 503} for want of a connection. With it, at most one connection per key per gateway
 * waits on the advisory lock. Keys share a fixed set of fair stripes, so memory does not grow with keys; two keys
 * on one stripe merely take turns.
 */
@Component
public class IdenticalSubmissions {

    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    IdenticalSubmissions() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs the work once no other submission of this gateway with the same key is running. */
    public <T> T oneAtATime(String cacheKey, Supplier<T> work) {
        ReentrantLock stripe = stripes[Math.floorMod(cacheKey.hashCode(), STRIPES)];
        stripe.lock();
        try {
            return work.get();
        } finally {
            stripe.unlock();
        }
    }
}
