package com.clientnest.worker.capacity;

import com.clientnest.worker.config.DeepSeekProperties;
import com.clientnest.worker.config.KafkaConnection;
import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.DeepSeekException;
import com.clientnest.worker.deepseek.DeepSeekFault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * How much this instance may take on right now: its share of the account's DeepSeek concurrency, adapted to 429s,
 * capped by {@code max-in-flight}, and nothing at all while the circuit breaker is open. The intake fetches
 * records only within {@link #intakeCapacity()}; every DeepSeek call goes through {@link #tryStartCall}, which
 * keeps the calls in flight within the share even while the share shrinks.
 */
@Component
public class WorkerCapacity implements SmartLifecycle {

    private final int maxInFlight;
    private final int probes;
    private final int accountLimit;
    private final Duration refreshInterval;
    private final DeepSeekBreaker breaker;
    private final AdaptiveLimit limit;
    private final CallLimiter calls;
    private final FleetShare fleet;
    private final FleetMembers members;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService refresher;

    @Autowired
    WorkerCapacity(
            WorkerProperties worker, DeepSeekProperties deepSeek, KafkaConnection kafka, WorkerIdentity identity) {
        this(
                worker,
                deepSeek.maxConcurrency(),
                new ShareGroupMembers(kafka.properties(), worker.shareGroup()),
                identity);
    }

    WorkerCapacity(WorkerProperties worker, int accountLimit, FleetMembers members, WorkerIdentity identity) {
        this.maxInFlight = worker.maxInFlight();
        this.probes = worker.breaker().probes();
        this.accountLimit = accountLimit;
        this.refreshInterval = worker.fleet().refreshInterval();
        this.members = members;
        this.breaker = new DeepSeekBreaker(worker.breaker());
        this.limit =
                new AdaptiveLimit(worker.fleet().initialLimit(), worker.fleet().rateLimitedBackoff(), System::nanoTime);
        this.calls = new CallLimiter(this::callLimit);
        this.fleet = new FleetShare(accountLimit, identity.instanceId(), members, share -> {
            limit.ceiling(share);
            changed();
        });
        breaker.onStateChange(this::changed);
    }

    /**
     * Records the intake may hold now: the fleet share, capped by {@code max-in-flight}. It does not follow the
     * adaptive call limit: records held beyond it wait for a call slot within their lock, which is what lets the
     * limit grow back quickly once DeepSeek takes more.
     */
    public int intakeCapacity() {
        if (!breaker.allowsIntake()) {
            return 0;
        }
        int records = Math.min(maxInFlight, fleet.share());
        return breaker.halfOpen() ? Math.min(probes, records) : records;
    }

    /** Runs the listener whenever the capacity may have grown or shrunk other than by calls finishing. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * A slot for one DeepSeek call, if the breaker lets calls through and a slot frees within {@code maxWait};
     * empty means DeepSeek cannot be called now, and the caller should wait or give its record back.
     */
    public Optional<Call> tryStartCall(Duration maxWait) throws InterruptedException {
        if (!breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        boolean started = false;
        try {
            started = calls.acquire(maxWait);
        } finally {
            if (!started) {
                breaker.releasePermission();
            }
        }
        return started ? Optional.of(new Call(System.nanoTime())) : Optional.empty();
    }

    /** Whether DeepSeek answers: the circuit breaker is closed. */
    public boolean deepSeekHealthy() {
        return breaker.closed();
    }

    public Snapshot snapshot() {
        return new Snapshot(
                breaker.state().name(),
                accountLimit,
                fleet.instances(),
                fleet.share(),
                limit.limit(),
                maxInFlight,
                intakeCapacity(),
                calls.inFlight(),
                calls.peak());
    }

    /** One DeepSeek call under way; exactly one of its methods is called when it ends. */
    public final class Call {

        private final long started;

        private Call(long started) {
            this.started = started;
        }

        public void succeeded() {
            breaker.succeeded(System.nanoTime() - started);
            limit.onSuccess();
            calls.release();
        }

        public void failed(DeepSeekException failure) {
            breaker.failed(System.nanoTime() - started, failure);
            if (failure.fault() == DeepSeekFault.RATE_LIMITED) {
                limit.onRateLimited();
            }
            calls.release();
        }

        /** Ended by something that says nothing about DeepSeek, e.g. the worker stopping. */
        public void abandoned() {
            breaker.releasePermission();
            calls.release();
        }
    }

    /**
     * What health reports.
     *
     * @param peakCallsInFlight the most DeepSeek calls this instance has had open at once since it started
     */
    public record Snapshot(
            String breakerState,
            int accountLimit,
            int fleetInstances,
            int fleetShare,
            int adaptiveLimit,
            int maxInFlight,
            int intakeCapacity,
            int callsInFlight,
            int peakCallsInFlight) {}

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fleet-share");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(fleet::refresh, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        if (members instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing an admin client only fails while the JVM is going down anyway.
            }
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }

    private int callLimit() {
        return Math.min(maxInFlight, limit.limit());
    }

    private void changed() {
        calls.limitChanged();
        listeners.forEach(Runnable::run);
    }
}
