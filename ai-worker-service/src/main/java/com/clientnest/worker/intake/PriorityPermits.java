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

/**
 * This worker's capacity, handed out by lane priority in batches. A lane consumer must hold a permit for every
 * record a poll may return before it polls, so a record is only ever taken when it can be worked on at once
 * (records cycled back through RELEASE count towards the broker's delivery limit and are eventually archived).
 *
 * <p>The capacity is read at every decision: it follows the fleet share and the circuit breaker, and while it is 0
 * nothing is granted. Waiters are served high lane before normal before low, except that a lower lane holding less
 * than its minimum share of the capacity goes first, so a busy high lane slows the low lane down but never stops
 * it, however long the overload lasts (a rule by waiting time would let every waiter of a long overload count as
 * starved). Grants are in order: a head waiter that cannot be served yet is not overtaken, or a large batch could
 * wait for ever behind small ones.
 */
final class PriorityPermits {

    private static final List<Lane> STRICT_ORDER = List.of(Lane.HIGH, Lane.NORMAL, Lane.LOW);
    private static final List<Lane> MINIMUM_SHARE_ORDER = List.of(Lane.LOW, Lane.NORMAL);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition granted = lock.newCondition();
    private final Map<Lane, Deque<Waiter>> waiting = new EnumMap<>(Lane.class);
    private final Map<Lane, Integer> inUseByLane = new EnumMap<>(Lane.class);
    private final Map<Lane, Double> minimumShares;
    private final IntSupplier capacity;
    private int inUse;

    /** {@code minimumShares}: the fraction of the capacity a waiting normal or low lane is always let up to. */
    PriorityPermits(IntSupplier capacity, Map<Lane, Double> minimumShares) {
        this.capacity = capacity;
        this.minimumShares = new EnumMap<>(Lane.class);
        this.minimumShares.putAll(minimumShares);
        STRICT_ORDER.forEach(lane -> {
            waiting.put(lane, new ArrayDeque<>());
            inUseByLane.put(lane, 0);
        });
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

    void release(Lane lane, int permits) {
        if (permits == 0) {
            return;
        }
        lock.lock();
        try {
            if (permits < 0 || permits > inUseByLane.get(lane)) {
                throw new IllegalStateException(
                        "Releasing " + permits + " permits with " + inUseByLane.get(lane) + " in use on " + lane);
            }
            inUse -= permits;
            inUseByLane.merge(lane, -permits, Integer::sum);
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
            Waiter waiter = new Waiter(lane, batch);
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
                    inUseByLane.merge(lane, -waiter.granted, Integer::sum);
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
            Deque<Waiter> queue = nextQueue(limit);
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
            inUseByLane.merge(head.lane, want, Integer::sum);
            any = true;
        }
        if (any) {
            granted.signalAll();
        }
    }

    private Deque<Waiter> nextQueue(int limit) {
        for (Lane lane : MINIMUM_SHARE_ORDER) {
            double minimum = Math.ceil(minimumShares.getOrDefault(lane, 0.0) * limit);
            if (!waiting.get(lane).isEmpty() && inUseByLane.get(lane) < minimum) {
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
        private final Lane lane;
        private final int batch;
        private int granted;

        private Waiter(Lane lane, int batch) {
            this.lane = lane;
            this.batch = batch;
        }
    }
}
