package com.clientnest.worker.intake;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whether a lane has a backlog, as its consumers last saw it: busy after a poll that filled its whole batch, idle
 * after an empty one. One consumer per lane (the scout) always polls; the others join only while the lane is
 * busy, because a consumer polling a lane that keeps up holds a batch of capacity that a busy lane could use.
 */
final class LaneActivity {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition becameBusy = lock.newCondition();
    private boolean busy;

    void busy() {
        lock.lock();
        try {
            if (!busy) {
                busy = true;
                becameBusy.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void idle() {
        lock.lock();
        try {
            busy = false;
        } finally {
            lock.unlock();
        }
    }

    boolean isBusy() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the lane to be busy, at most {@code timeout}; returns whether it is. */
    boolean awaitBusy(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!busy && remaining > 0) {
                remaining = becameBusy.awaitNanos(remaining);
            }
            return busy;
        } finally {
            lock.unlock();
        }
    }
}
