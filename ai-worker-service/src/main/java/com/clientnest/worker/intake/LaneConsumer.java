package com.clientnest.worker.intake;

import com.clientnest.schemas.events.Lane;
import com.clientnest.worker.processing.Decision;
import com.clientnest.worker.processing.ProcessingSession;
import com.clientnest.worker.processing.RequestHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
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
 * One share consumer on one lane, on its own platform thread (a share consumer is single-threaded). It takes a
 * batch of capacity (the lane's scout polls a small batch without, see {@link #takeOneBatch}), polls at most that
 * many records, hands each to its own virtual thread, and acknowledges
 * each on the polling thread as its outcome arrives, committing as it goes so finished records free their locks.
 * Explicit acknowledgement requires every record of a poll to be acknowledged before the next poll, so a consumer
 * polls again only once its whole batch is done; a lane has several consumers so that a slow record holds up one
 * consumer, not the lane.
 */
final class LaneConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LaneConsumer.class);
    private static final Duration DORMANT_CHECK = Duration.ofSeconds(1);
    private static final Duration PAUSED_CHECK = Duration.ofMillis(100);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(50);
    private static final Duration AWAIT_SLACK = Duration.ofSeconds(2);
    private static final Duration BROKER_TROUBLE_PAUSE = Duration.ofSeconds(1);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Lane lane;
    private final String topic;
    private final boolean scout;
    private final Supplier<ShareConsumer<String, byte[]>> consumerFactory;
    private final PriorityPermits permits;
    private final LaneActivity activity;
    private final RequestHandler handler;
    private final Executor processors;
    private final IntakeSettings settings;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile ShareConsumer<String, byte[]> consumer;
    // Outcomes of a replaced consumer's records are dropped: those records went back to the lane when it closed.
    private volatile int generation;

    LaneConsumer(
            Lane lane,
            String topic,
            boolean scout,
            Supplier<ShareConsumer<String, byte[]>> consumerFactory,
            PriorityPermits permits,
            LaneActivity activity,
            RequestHandler handler,
            Executor processors,
            IntakeSettings settings) {
        this.lane = lane;
        this.topic = topic;
        this.scout = scout;
        this.consumerFactory = consumerFactory;
        this.permits = permits;
        this.activity = activity;
        this.handler = handler;
        this.processors = processors;
        this.settings = settings;
    }

    /** Settings of the intake loop, from {@code clientnest.worker.*}. */
    record IntakeSettings(
            int fetchBatch,
            int scoutBatch,
            Duration pollTimeout,
            Duration processingBudget,
            Duration requestTimeout,
            Duration minCallTime) {}

    private record Outcome(ConsumerRecord<String, byte[]> record, Decision decision, int generation) {}

    @Override
    public void run() {
        while (running) {
            try {
                consume();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (WakeupException e) {
                if (running) {
                    log.error("Consumer on {} was woken up while running", topic, e);
                }
            } catch (RuntimeException e) {
                // A consumer in a state it cannot leave (a client bug, an acknowledgement refused) is replaced: closing
                // it gives its records back, and a redelivered record whose outcome is out costs no second call.
                log.error("Consumer on {} failed; replacing it", topic, e);
                generation++;
                pause();
            }
        }
    }

    private void consume() throws InterruptedException {
        try (ShareConsumer<String, byte[]> shareConsumer = consumerFactory.get()) {
            consumer = shareConsumer;
            shareConsumer.setAcknowledgementCommitCallback(this::logFailedAcknowledgements);
            boolean subscribed = false;
            while (running) {
                if (!scout && !activity.isBusy()) {
                    if (subscribed) {
                        leave(shareConsumer);
                        subscribed = false;
                    }
                    if (!activity.awaitBusy(DORMANT_CHECK)) {
                        continue;
                    }
                }
                if (!subscribed) {
                    shareConsumer.subscribe(List.of(topic));
                    subscribed = true;
                }
                takeOneBatch(shareConsumer);
            }
        }
    }

    // A share consumer fetches ahead of its polls: a record that arrives after an empty poll is acquired for it and
    // waits in its buffer until it polls again. A consumer about to sleep therefore leaves the group, which gives
    // any such record back to the lane at once, instead of holding it until its lock expires.
    private void leave(ShareConsumer<String, byte[]> shareConsumer) {
        try {
            shareConsumer.commitSync(COMMIT_TIMEOUT);
            shareConsumer.unsubscribe();
        } catch (KafkaException e) {
            log.warn("Consumer on {} could not leave its group cleanly: {}", topic, e.toString());
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(BROKER_TROUBLE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void stop() {
        running = false;
        ShareConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    // The scout polls without holding capacity, so an idle lane costs none: each record it brings takes its own
    // permit in lane order. The others take a whole batch of capacity before they poll.
    private void takeOneBatch(ShareConsumer<String, byte[]> shareConsumer) throws InterruptedException {
        if (scout && !permits.hasCapacity()) {
            // Intake is paused (circuit breaker open, or no fleet share yet): the scout fetches nothing either.
            TimeUnit.MILLISECONDS.sleep(PAUSED_CHECK.toMillis());
            return;
        }
        int granted = scout ? 0 : permits.acquire(lane, settings.fetchBatch());
        int full = scout ? settings.scoutBatch() : granted;
        ConsumerRecords<String, byte[]> records;
        try {
            records = shareConsumer.poll(settings.pollTimeout());
        } catch (WakeupException e) {
            permits.release(lane, granted);
            throw e;
        } catch (KafkaException e) {
            // Records not acknowledged come back by themselves when their lock expires.
            permits.release(lane, granted);
            log.warn("Consumer on {} failed, carrying on: {}", topic, e.toString());
            TimeUnit.MILLISECONDS.sleep(BROKER_TROUBLE_PAUSE.toMillis());
            return;
        }
        int count = records.count();
        // A full batch says more is waiting: the lane's other consumers join in. Only an empty poll says the lane has
        // caught up (a partial batch is common under a backlog: a fetch returns what one partition had at hand).
        if (count >= full) {
            activity.busy();
        } else if (count == 0) {
            activity.idle();
        }
        permits.release(lane, Math.max(0, granted - count));
        if (count == 0) {
            return;
        }
        int index = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            boolean withPermit = index++ < granted;
            int batchGeneration = generation;
            processors.execute(() -> process(record, withPermit, batchGeneration));
        }
        acknowledgeAsTheyFinish(shareConsumer, count);
    }

    // Runs on the record's virtual thread; the outcome goes back to the polling thread, which alone may acknowledge.
    private void process(ConsumerRecord<String, byte[]> record, boolean withPermit, int batchGeneration) {
        Session session = new Session(record);
        boolean holding = withPermit;
        Decision decision = Decision.RELEASE;
        try {
            if (!holding) {
                // More records came than the capacity allowed (it shrank, or is below one batch): wait in line.
                holding = permits.tryAcquire(lane, 1, session.timeLeft().minus(settings.minCallTime())) == 1;
            }
            decision = holding ? handler.handle(record, session) : handler.notStarted(record, session);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Request {} failed outside its handler; giving it back", record.key(), e);
        } finally {
            if (holding) {
                permits.release(lane, 1);
            }
            outcomes.add(new Outcome(record, decision, batchGeneration));
        }
    }

    private void acknowledgeAsTheyFinish(ShareConsumer<String, byte[]> shareConsumer, int count)
            throws InterruptedException {
        int pending = count;
        boolean uncommitted = false;
        long lastCommit = System.nanoTime();
        while (pending > 0) {
            Outcome outcome = outcomes.poll(COMMIT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            while (outcome != null) {
                if (outcome.generation() == generation) {
                    shareConsumer.acknowledge(outcome.record(), toAcknowledgeType(outcome.decision()));
                    pending--;
                    uncommitted = true;
                }
                outcome = outcomes.poll();
            }
            if (uncommitted && pending > 0 && System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                try {
                    shareConsumer.commitAsync();
                } catch (KafkaException e) {
                    log.warn("Cannot commit acknowledgements on {} now: {}", topic, e.toString());
                }
                uncommitted = false;
                lastCommit = System.nanoTime();
            }
        }
        // Sent now rather than with the next poll: this consumer may not poll again soon (it goes dormant when its
        // lane is idle, or waits for capacity), and an acknowledgement held back keeps its record locked.
        try {
            shareConsumer.commitAsync();
        } catch (KafkaException e) {
            log.warn("Cannot commit acknowledgements on {} now: {}", topic, e.toString());
        }
    }

    private void logFailedAcknowledgements(Map<TopicIdPartition, java.util.Set<Long>> offsets, Exception e) {
        if (e != null) {
            log.warn(
                    "Acknowledgements of {} records on {} were not accepted: {}",
                    offsets.values().stream().mapToInt(java.util.Set::size).sum(),
                    topic,
                    e.toString());
        }
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
                return future.get(timeLeft().plus(AWAIT_SLACK).toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new BudgetExhausted("The call outlived the record's processing budget");
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                future.cancel(true);
                throw e;
            }
        }

        @Override
        public Duration timeForOneCall() {
            Duration remaining = timeLeft();
            if (remaining.compareTo(settings.minCallTime()) < 0) {
                throw new BudgetExhausted("Too little of the record's processing budget is left for another call");
            }
            return remaining.compareTo(settings.requestTimeout()) < 0 ? remaining : settings.requestTimeout();
        }

        @Override
        public Duration timeLeft() {
            return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        }

        @Override
        public void sleep(Duration delay) throws InterruptedException {
            if (delay.compareTo(timeLeft()) >= 0) {
                throw new BudgetExhausted("No time left in the record's processing budget for another attempt");
            }
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }

        @Override
        public int deliveryCount() {
            return record.deliveryCount().map(Short::intValue).orElse(1);
        }

        private RuntimeException unwrap(Throwable cause) {
            Throwable actual =
                    cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
            return actual instanceof RuntimeException runtime ? runtime : new IllegalStateException(actual);
        }
    }
}
