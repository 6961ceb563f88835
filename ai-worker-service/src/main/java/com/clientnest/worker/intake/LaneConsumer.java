package com.clientnest.worker.intake;

import com.clientnest.schemas.events.Lane;
import com.clientnest.worker.processing.Decision;
import com.clientnest.worker.processing.ProcessingSession;
import com.clientnest.worker.processing.RequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share consumer on one lane, on its own thread (a share consumer is single-threaded). It takes a capacity
 * permit, fetches at most one record, processes it within the record's lock, and acknowledges it before the
 * next poll, as explicit acknowledgement requires.
 */
final class LaneConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LaneConsumer.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    private final Lane lane;
    private final String topic;
    private final Supplier<ShareConsumer<String, byte[]>> consumerFactory;
    private final PriorityPermits permits;
    private final RequestHandler handler;
    private final IntakeSettings settings;
    private volatile boolean running = true;
    private volatile ShareConsumer<String, byte[]> consumer;
    private boolean holdingPermit;

    LaneConsumer(
            Lane lane,
            String topic,
            Supplier<ShareConsumer<String, byte[]>> consumerFactory,
            PriorityPermits permits,
            RequestHandler handler,
            IntakeSettings settings) {
        this.lane = lane;
        this.topic = topic;
        this.consumerFactory = consumerFactory;
        this.permits = permits;
        this.handler = handler;
        this.settings = settings;
    }

    /** Settings of the intake loop, from {@code clientnest.worker.*}. */
    record IntakeSettings(Duration pollTimeout, Duration idleBackoff, Duration processingBudget) {}

    @Override
    public void run() {
        try (ShareConsumer<String, byte[]> shareConsumer = consumerFactory.get()) {
            consumer = shareConsumer;
            shareConsumer.subscribe(List.of(topic));
            while (running) {
                takePermit();
                boolean idle;
                try {
                    idle = pollAndProcess(shareConsumer);
                } finally {
                    givePermit();
                }
                if (idle) {
                    Thread.sleep(settings.idleBackoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Consumer on {} stopped unexpectedly", topic, e);
            throw e;
        }
    }

    void stop() {
        running = false;
        ShareConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void takePermit() throws InterruptedException {
        permits.acquire(lane);
        holdingPermit = true;
    }

    private void givePermit() {
        if (holdingPermit) {
            holdingPermit = false;
            permits.release();
        }
    }

    /** Returns true when the lane had nothing to take. */
    private boolean pollAndProcess(ShareConsumer<String, byte[]> shareConsumer) throws InterruptedException {
        ConsumerRecords<String, byte[]> records = shareConsumer.poll(settings.pollTimeout());
        if (records.isEmpty()) {
            return true;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            Decision decision = handler.handle(record, new Session(record));
            shareConsumer.acknowledge(record, toAcknowledgeType(decision));
        }
        shareConsumer.commitSync(COMMIT_TIMEOUT);
        return false;
    }

    private static AcknowledgeType toAcknowledgeType(Decision decision) {
        return switch (decision) {
            case ACCEPT -> AcknowledgeType.ACCEPT;
            case RELEASE -> AcknowledgeType.RELEASE;
            case REJECT -> AcknowledgeType.REJECT;
        };
    }

    /** The processing session of one record: bounded by the record's lock, capacity given back during back-off. */
    private final class Session implements ProcessingSession {

        private final ConsumerRecord<String, byte[]> record;
        private final long deadline;

        private Session(ConsumerRecord<String, byte[]> record) {
            this.record = record;
            this.deadline = System.nanoTime() + settings.processingBudget().toNanos();
        }

        @Override
        public <T> T await(CompletableFuture<T> future) throws InterruptedException {
            try {
                return future.get(remainingNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new BudgetExhausted("The call outlived the record's processing budget");
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            }
        }

        @Override
        public void backOff(Duration delay) throws InterruptedException {
            if (delay.toNanos() >= remainingNanos()) {
                throw new BudgetExhausted("No time left in the record's processing budget for another attempt");
            }
            givePermit();
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            takePermit();
        }

        @Override
        public int deliveryCount() {
            return record.deliveryCount().map(Short::intValue).orElse(1);
        }

        private long remainingNanos() {
            return Math.max(0, deadline - System.nanoTime());
        }

        private RuntimeException unwrap(Throwable cause) {
            Throwable actual =
                    cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
            return actual instanceof RuntimeException runtime ? runtime : new IllegalStateException(actual);
        }
    }
}
