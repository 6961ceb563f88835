package com.clientnest.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters of chat completion calls; read by {@code GET /_sim/stats}. */
final class StatsRecorder {

    private final LongAdder total = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong peakInFlight = new AtomicLong();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder abandoned = new LongAdder();

    /** Counts a new call; the returned handle must be finished exactly once. */
    Call start() {
        total.increment();
        long now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        return new Call();
    }

    /** Zeroes the counters; calls still in flight stay counted there so the gauge never goes negative. */
    void reset() {
        total.reset();
        byStatus.clear();
        abandoned.reset();
        peakInFlight.set(inFlight.get());
    }

    SimulatorStats snapshot() {
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new SimulatorStats(total.sum(), inFlight.get(), peakInFlight.get(), statuses, abandoned.sum());
    }

    /**
     * One call in progress. Its callbacks may run on different threads, hence the atomics. The call leaves the
     * in-flight gauge when its last bytes are handed to the network ({@link #complete()}), not when the write has
     * finished, so that a client holding the answer always reads consistent stats and may call again at once
     * without meeting its own previous call in the concurrency limit.
     */
    final class Call {

        private final AtomicBoolean answered = new AtomicBoolean();
        private final AtomicBoolean completed = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile Runnable onComplete = () -> {};

        /** Runs {@code release} when the call completes, e.g. to give back a concurrency slot at that moment. */
        void releaseOnComplete(Runnable release) {
            this.onComplete = release;
        }

        /** The status line is decided; counted once. */
        void answered(int status) {
            if (answered.compareAndSet(false, true)) {
                byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        }

        /** The last part of the answer is about to be sent. */
        void complete() {
            if (completed.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                onComplete.run();
            }
        }

        /** The exchange is over, answered or not (the client may have left first). */
        void finish() {
            if (finished.compareAndSet(false, true)) {
                if (!answered.get()) {
                    abandoned.increment();
                }
                complete();
            }
        }
    }
}
