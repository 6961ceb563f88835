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
import java.util.function.LongSupplier;

/**
 * This worker's processing capacity, handed out by lane priority. A lane consumer must hold a permit before
 * it fetches a record, so a record is only ever taken when it can be worked on at once (records cycled back
 * through RELEASE count towards the broker's delivery limit and are eventually archived, i.e. lost).
 *
 * <p>Free permits go to waiting high-lane consumers before normal before low, except that a normal or low
 * consumer that has waited longer than the starvation threshold is served first, so a busy high lane slows the
 * low lane down but never stops it.
 */
final class PriorityPermits {

    private static final List<Lane> STRICT_ORDER = List.of(Lane.HIGH, Lane.NORMAL, Lane.LOW);
    private static final List<Lane> STARVATION_ORDER = List.of(Lane.LOW, Lane.NORMAL);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition granted = lock.newCondition();
    private final Map<Lane, Deque<Waiter>> waiting = new EnumMap<>(Lane.class);
    private final long starvationNanos;
    private final LongSupplier clock;
    private final int capacity;
    private int available;

    PriorityPermits(int capacity, Duration starvationThreshold) {
        this(capacity, starvationThreshold, System::nanoTime);
    }

    PriorityPermits(int capacity, Duration starvationThreshold, LongSupplier clock) {
        this.capacity = capacity;
        this.available = capacity;
        this.starvationNanos = starvationThreshold.toNanos();
        this.clock = clock;
        STRICT_ORDER.forEach(lane -> waiting.put(lane, new ArrayDeque<>()));
    }

    /** Blocks until this lane is granted a permit. */
    void acquire(Lane lane) throws InterruptedException {
        lock.lock();
        try {
            Waiter waiter = new Waiter(clock.getAsLong());
            waiting.get(lane).addLast(waiter);
            grantFreePermits();
            try {
                while (!waiter.granted) {
                    granted.await();
                }
            } catch (InterruptedException e) {
                if (!waiting.get(lane).remove(waiter)) {
                    // Granted while being interrupted: hand the permit on rather than leak it.
                    available++;
                    grantFreePermits();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            if (available == capacity) {
                throw new IllegalStateException("More permits released than acquired");
            }
            available++;
            grantFreePermits();
        } finally {
            lock.unlock();
        }
    }

    int inUse() {
        lock.lock();
        try {
            return capacity - available;
        } finally {
            lock.unlock();
        }
    }

    private void grantFreePermits() {
        boolean any = false;
        while (available > 0) {
            Waiter next = nextWaiter();
            if (next == null) {
                break;
            }
            next.granted = true;
            available--;
            any = true;
        }
        if (any) {
            granted.signalAll();
        }
    }

    private Waiter nextWaiter() {
        long now = clock.getAsLong();
        for (Lane lane : STARVATION_ORDER) {
            Waiter head = waiting.get(lane).peekFirst();
            if (head != null && now - head.since >= starvationNanos) {
                return waiting.get(lane).pollFirst();
            }
        }
        for (Lane lane : STRICT_ORDER) {
            Waiter head = waiting.get(lane).pollFirst();
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    private static final class Waiter {
        private final long since;
        private boolean granted;

        private Waiter(long since) {
            this.since = since;
        }
    }
}
