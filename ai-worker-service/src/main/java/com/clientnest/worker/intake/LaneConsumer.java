package com.clientnest.worker.intake;

import com.clientnest.schemas.events.Lane;
import com.clientnest.worker.processing.Decision;
import com.clientnest.worker.processing.ProcessingSession;
import com.clientnest.worker.processing.RequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share consumer on one lane, on its own thread (a share consumer is single-threaded). It takes a capacity
 * permit, fetches at most one record, processes it within the record's lock, and acknowledges it before the
 * next poll, as explicit acknowledgement requires. It keeps going through any failure until it is stopped.
 */
final class LaneConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LaneConsumer.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration AWAIT_SLACK = Duration.ofSeconds(2);

    private final Lane lane;
    private final String topic;
    private final Supplier<ShareConsumer<String, byte[]>> consumerFactory;
    private final PriorityPermits permits;
    private final RequestHandler handler;
    private final IntakeSettings settings;
    private volatile boolean running = true;
    private volatile ShareConsumer<String, byte[]> consumer;

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

    /**
     * Settings of the intake loop, from {@code clientnest.worker.*}.
     *
     * @param idleBackoff the first pause after an empty poll; it doubles on each further empty poll up to
     *     {@code maxIdleBackoff}, so idle lanes cost little capacity and a busy lane is still found quickly
     */
    record IntakeSettings(
            Duration pollTimeout,
            Duration idleBackoff,
            Duration maxIdleBackoff,
            Duration processingBudget,
            Duration requestTimeout,
            Duration minCallTime) {}

    @Override
    public void run() {
        try (ShareConsumer<String, byte[]> shareConsumer = consumerFactory.get()) {
            consumer = shareConsumer;
            shareConsumer.subscribe(List.of(topic));
            Duration idle = Duration.ZERO;
            while (running) {
                idle = nextIdlePause(idle, takeOneRecord(shareConsumer));
                if (!idle.isZero()) {
                    // Jittered, so that the consumers of one lane, started together, do not poll in step and
                    // a new record is found within a fraction of the longest pause.
                    TimeUnit.MILLISECONDS.sleep(Math.round(
                            idle.toMillis() * ThreadLocalRandom.current().nextDouble(0.5, 1.0)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (running) {
                log.error("Consumer on {} was woken up while running", topic, e);
            }
        }
    }

    void stop() {
        running = false;
        ShareConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Returns whether the lane had a record; failures of the broker connection are logged and waited out. */
    private boolean takeOneRecord(ShareConsumer<String, byte[]> shareConsumer) throws InterruptedException {
        permits.acquire(lane);
        try {
            ConsumerRecords<String, byte[]> records = shareConsumer.poll(settings.pollTimeout());
            for (ConsumerRecord<String, byte[]> record : records) {
                Decision decision = handler.handle(record, new Session(record));
                shareConsumer.acknowledge(record, toAcknowledgeType(decision));
            }
            if (!records.isEmpty()) {
                logFailedAcknowledgements(shareConsumer.commitSync(COMMIT_TIMEOUT));
            }
            return !records.isEmpty();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Records not acknowledged come back by themselves when their lock expires.
            log.warn("Consumer on {} failed, carrying on: {}", topic, e.toString());
            return false;
        } finally {
            permits.release();
        }
    }

    private Duration nextIdlePause(Duration previous, boolean hadRecord) {
        if (hadRecord) {
            return Duration.ZERO;
        }
        Duration doubled = previous.isZero() ? settings.idleBackoff() : previous.multipliedBy(2);
        return doubled.compareTo(settings.maxIdleBackoff()) > 0 ? settings.maxIdleBackoff() : doubled;
    }

    private void logFailedAcknowledgements(Map<TopicIdPartition, Optional<KafkaException>> results) {
        results.forEach((partition, failure) -> failure.ifPresent(
                e -> log.warn("Acknowledgements on {} were not accepted: {}", partition, e.toString())));
    }

    private static AcknowledgeType toAcknowledgeType(Decision decision) {
        return switch (decision) {
            case ACCEPT -> AcknowledgeType.ACCEPT;
            case RELEASE -> AcknowledgeType.RELEASE;
            case REJECT -> AcknowledgeType.REJECT;
        };
    }

    /** The processing session of one record, bounded by the record's lock. */
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
                return future.get(remaining().plus(AWAIT_SLACK).toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new BudgetExhausted("The call outlived the record's processing budget");
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            }
        }

        @Override
        public Duration timeForOneCall() {
            Duration remaining = remaining();
            if (remaining.compareTo(settings.minCallTime()) < 0) {
                throw new BudgetExhausted("Too little of the record's processing budget is left for another call");
            }
            return remaining.compareTo(settings.requestTimeout()) < 0 ? remaining : settings.requestTimeout();
        }

        @Override
        public void backOff(Duration delay) throws InterruptedException {
            if (delay.compareTo(remaining()) >= 0) {
                throw new BudgetExhausted("No time left in the record's processing budget for another attempt");
            }
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }

        @Override
        public int deliveryCount() {
            return record.deliveryCount().map(Short::intValue).orElse(1);
        }

        private Duration remaining() {
            return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        }

        private RuntimeException unwrap(Throwable cause) {
            Throwable actual =
                    cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
            return actual instanceof RuntimeException runtime ? runtime : new IllegalStateException(actual);
        }
    }
}
