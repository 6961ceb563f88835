package com.clientnest.worker.intake;

import com.clientnest.schemas.events.Lane;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * This worker's capacity, handed out by lane priority in batches. A lane consumer must hold a permit for every
 * record a poll may return before it polls, so a record is only ever taken when it can be worked on at once
 * (records cycled back through RELEASE count towards the broker's delivery limit and are eventually archived).
 *
 * <p>The capacity is read at every decision: it follows the fleet share, 429s and the circuit breaker, and while
 * it is 0 nothing is granted. Waiting consumers are served high lane before normal before low, except that a
 * normal or low consumer that has waited longer than the starvation threshold goes first, so a busy high lane
 * slows the low lane down but never stops it. Grants are in order: a head waiter that cannot be served yet is not
 * overtaken, or a large batch for a lower lane could wait for ever behind small ones.
 */
final class PriorityPermits {

    private static final List<Lane> STRICT_ORDER = List.of(Lane.HIGH, Lane.NORMAL, Lane.LOW);
    private static final List<Lane> STARVATION_ORDER = List.of(Lane.LOW, Lane.NORMAL);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition granted = lock.newCondition();
    private final Map<Lane, Deque<Waiter>> waiting = new EnumMap<>(Lane.class);
    private final IntSupplier capacity;
    private final long starvationNanos;
    private final LongSupplier clock;
    private int inUse;

    PriorityPermits(IntSupplier capacity, Duration starvationThreshold) {
        this(capacity, starvationThreshold, System::nanoTime);
    }

    PriorityPermits(IntSupplier capacity, Duration starvationThreshold, LongSupplier clock) {
        this.capacity = capacity;
        this.starvationNanos = starvationThreshold.toNanos();
        this.clock = clock;
        STRICT_ORDER.forEach(lane -> waiting.put(lane, new ArrayDeque<>()));
    }

    /**
     * Blocks until this lane is granted up to {@code batch} permits: the batch, or the whole capacity when that is
     * smaller. Returns how many were granted.
     */
    int acquire(Lane lane, int batch) throws InterruptedException {
        return acquire(lane, batch, Long.MAX_VALUE);
    }

    /** As {@link #acquire(Lane, int)}, but gives up after the timeout and then returns 0. */
    int tryAcquire(Lane lane, int batch, Duration timeout) throws InterruptedException {
        return acquire(lane, batch, timeout.toNanos());
    }

    void release(int permits) {
        if (permits == 0) {
            return;
        }
        lock.lock();
        try {
            if (permits < 0 || permits > inUse) {
                throw new IllegalStateException("Releasing " + permits + " permits with " + inUse + " in use");
            }
            inUse -= permits;
            grantFreePermits();
        } finally {
            lock.unlock();
        }
    }

    /** The capacity may have grown: serve whoever is waiting. */
    void capacityChanged() {
        lock.lock();
        try {
            grantFreePermits();
        } finally {
            lock.unlock();
        }
    }

    /** Whether any capacity exists now, used or not: none while intake is paused. */
    boolean hasCapacity() {
        return capacity.getAsInt() > 0;
    }

    int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    private int acquire(Lane lane, int batch, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            Waiter waiter = new Waiter(clock.getAsLong(), batch);
            waiting.get(lane).addLast(waiter);
            grantFreePermits();
            long remaining = timeoutNanos;
            try {
                while (waiter.granted == 0) {
                    if (timeoutNanos == Long.MAX_VALUE) {
                        granted.await();
                    } else if (remaining > 0) {
                        remaining = granted.awaitNanos(remaining);
                    } else {
                        waiting.get(lane).remove(waiter);
                        return 0;
                    }
                }
                return waiter.granted;
            } catch (InterruptedException e) {
                if (!waiting.get(lane).remove(waiter)) {
                    // Granted while being interrupted: hand the permits on rather than leak them.
                    inUse -= waiter.granted;
                    grantFreePermits();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void grantFreePermits() {
        boolean any = false;
        int limit = capacity.getAsInt();
        while (true) {
            Deque<Waiter> queue = nextQueue();
            if (queue == null) {
                break;
            }
            Waiter head = queue.peekFirst();
            int want = Math.min(head.batch, limit);
            if (want <= 0 || limit - inUse < want) {
                break;
            }
            queue.pollFirst();
            head.granted = want;
            inUse += want;
            any = true;
        }
        if (any) {
            granted.signalAll();
        }
    }

    private Deque<Waiter> nextQueue() {
        long now = clock.getAsLong();
        for (Lane lane : STARVATION_ORDER) {
            Waiter head = waiting.get(lane).peekFirst();
            if (head != null && now - head.since >= starvationNanos) {
                return waiting.get(lane);
            }
        }
        for (Lane lane : STRICT_ORDER) {
            if (!waiting.get(lane).isEmpty()) {
                return waiting.get(lane);
            }
        }
        return null;
    }

    private static final class Waiter {
        private final long since;
        private final int batch;
        private int granted;

        private Waiter(long since, int batch) {
            this.since = since;
            this.batch = batch;
        }
    }
}
