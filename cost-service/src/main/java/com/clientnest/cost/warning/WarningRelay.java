package com.clientnest.cost.warning;

import com.clientnest.schemas.events.QuotaWarningRaised;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Publishes raised warnings to {@code ai.quota.warnings}, keyed by user, and marks them published once the broker
 * acknowledged them. Woken after each commit that raised one and swept on a fixed delay; rows are claimed with
 * {@code SKIP LOCKED}, so every instance may relay. Delivery is at least once: a crash between the send and the
 * commit sends a warning again with the same {@code eventId}, by which subscribers recognise it.
 */
@Component
class WarningRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WarningRelay.class);

    private final WarningRows rows;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final TopicDescriptor topic;
    private final TransactionOperations transactions;
    private final WarningProperties properties;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    WarningRelay(
            WarningRows rows,
            KafkaTemplate<String, SpecificRecord> warningsKafkaTemplate,
            Topics topics,
            TransactionOperations transactions,
            WarningProperties properties,
            Clock clock) {
        this.rows = rows;
        this.kafka = warningsKafkaTemplate;
        this.topic = topics.quotaWarnings();
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

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
            wakeQueued.set(false);
        }
    }

    void drain() {
        try {
            int published;
            do {
                published = publishBatch();
            } while (published == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Could not publish quota warnings; the next sweep retries", e);
        }
    }

    private int publishBatch() {
        Integer published = transactions.execute(status -> {
            List<QuotaWarningRaised> batch = rows.lockUnpublished(properties.batchSize());
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (QuotaWarningRaised warning : batch) {
                sends.add(kafka.send(topic.name(), warning.getUserId(), warning));
            }
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (acknowledged(sends.get(i))) {
                    acknowledged.add(batch.get(i).getEventId());
                }
            }
            rows.markPublished(acknowledged, clock.instant());
            return acknowledged.size() == batch.size() ? batch.size() : -1;
        });
        return published == null ? 0 : published;
    }

    private boolean acknowledged(CompletableFuture<?> send) {
        try {
            send.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("A quota warning was not acknowledged by the broker; it stays pending: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void start() {
        wakeQueued.set(false);
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cost-warning-relay");
            thread.setDaemon(true);
            return thread;
        });
        long delay = properties.sweepInterval().toMillis();
        started.scheduleWithFixedDelay(this::drain, 0, delay, TimeUnit.MILLISECONDS);
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
            if (!current.awaitTermination(properties.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            current.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
