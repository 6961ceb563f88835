package com.clientnest.worker.capacity;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Counts this instance's DeepSeek calls in flight and holds a new call back while the count is at the limit. The
 * limit moves (fleet share, 429s), so it is read at every decision; when it falls below the calls in flight, no
 * call starts until enough have finished.
 */
final class CallLimiter {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final IntSupplier limit;
    private int inFlight;
    private int peak;

    CallLimiter(IntSupplier limit) {
        this.limit = limit;
    }

    /** Returns false when no call could start within the timeout. */
    boolean acquire(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight >= limit.getAsInt()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = freed.awaitNanos(remaining);
            }
            inFlight++;
            peak = Math.max(peak, inFlight);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inFlight--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The limit may have grown: let waiting calls check again. */
    void limitChanged() {
        lock.lock();
        try {
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    int peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }
}
