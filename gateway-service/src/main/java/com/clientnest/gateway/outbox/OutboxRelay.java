package com.clientnest.gateway.outbox;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.outbox.OutboxRepository.PendingRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Publishes pending outbox rows and marks them published once the broker has acknowledged them. It is woken
 * after every commit that wrote a row, for low latency, and also sweeps on a fixed delay for rows a wake-up
 * missed (a crash between commit and publish, a broker that was down). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so any number of gateway instances can relay at once. Delivery is
 * at-least-once: a crash after the send and before the commit publishes a row again, and consumers are
 * idempotent on the request id.
 *
 * <p>It stops after the web server: graceful shutdown lets in-flight requests commit their outbox rows, and the
 * final drain in {@link #stop()} publishes them instead of leaving them for the next start.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    /**
     * Below the phase of Boot's graceful shutdown of the web server and of the web server's own stop (lower
     * phases stop later), so the relay still runs while the last requests commit.
     */
    static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;

    private final OutboxRepository repository;
    private final OutboxPublisher publisher;
    private final TransactionOperations transactions;
    private final GatewayProperties.Outbox settings;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private Instant lastPurge = Instant.MIN;

    OutboxRelay(
            OutboxRepository repository,
            OutboxPublisher publisher,
            TransactionOperations transactions,
            GatewayProperties properties,
            Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.transactions = transactions;
        this.settings = properties.outbox();
        this.clock = clock;
    }

    /** Asks for a drain soon; wake-ups that arrive while one is already queued are folded into it. */
    void wake() {
        ScheduledExecutorService current = executor;
        if (current == null || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            current.execute(() -> {
                wakeQueued.set(false);
                drain();
            });
        } catch (RejectedExecutionException stopping) {
            // Shutting down: stop() drains once more after the executor has ended, and publishes the rows.
            wakeQueued.set(false);
        }
    }

    private void sweep() {
        drain();
        purgeOldRows();
    }

    /** Publishes batch after batch until the outbox is empty or a send fails. */
    void drain() {
        try {
            int published;
            do {
                published = publishBatch();
                // A full batch means more rows may be waiting.
            } while (published == settings.batchSize());
        } catch (RuntimeException e) {
            log.warn("Outbox relay could not publish pending events; the next sweep retries", e);
        }
    }

    private int publishBatch() {
        Integer published = transactions.execute(status -> {
            List<PendingRecord> batch = repository.lockPending(settings.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            List<Long> acknowledged = publisher.publish(batch, settings.sendTimeout());
            repository.markPublished(acknowledged, clock.instant());
            // A partial batch stops the loop: what failed waits for the next sweep instead of being retried hot.
            return acknowledged.size() == batch.size() ? batch.size() : -1;
        });
        return published == null ? 0 : published;
    }

    private void purgeOldRows() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        try {
            int deleted = repository.deletePublishedBefore(now.minus(settings.retention()));
            if (deleted > 0) {
                log.debug("Deleted {} published outbox rows older than {}", deleted, settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete old published outbox rows", e);
        }
    }

    @Override
    public void start() {
        // A wake-up queued when a previous run was stopped abruptly never ran; it must not fold away new ones.
        wakeQueued.set(false);
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gateway-outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long delay = settings.sweepInterval().toMillis();
        started.scheduleWithFixedDelay(this::sweep, 0, delay, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            if (!current.awaitTermination(settings.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            current.shutdownNow();
            Thread.currentThread().interrupt();
            return;
        }
        // Rows committed since the last drain (the wake-ups of the last requests are refused once the executor
        // is shut down) are published now rather than at the next start, which may be far off.
        drain();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
