package com.clientnest.cost.reservation;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Expires reservations that nothing settled or released (a request lost between services, a gateway that crashed
 * after reserving), so a user's quota is never held for ever. Every instance sweeps; the rows are claimed with
 * {@code SKIP LOCKED}, so they share the work.
 */
@Component
class ReservationSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReservationSweeper.class);

    private final ReservationReleases releases;
    private final ReservationProperties properties;
    private volatile ScheduledExecutorService executor;

    ReservationSweeper(ReservationReleases releases, ReservationProperties properties) {
        this.releases = releases;
        this.properties = properties;
    }

    void sweep() {
        try {
            releases.expireOlderThan(properties.maxAge(), properties.sweepBatch());
        } catch (RuntimeException e) {
            log.warn("Could not expire stale quota reservations; the next sweep retries", e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cost-reservation-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.sweepInterval().toMillis();
        started.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
