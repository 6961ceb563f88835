package com.clientnest.worker.intake;

import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.worker.capacity.WorkerCapacity;
import com.clientnest.worker.capacity.WorkerIdentity;
import com.clientnest.worker.config.KafkaConnection;
import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.DeepSeekClient;
import com.clientnest.worker.processing.RequestHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts this worker's share consumers, {@code consumers-per-lane} on each lane, all drawing on one pool of
 * {@link PriorityPermits} sized by {@link WorkerCapacity}, and one virtual thread per record in process: intake
 * (a few consumers) and calls (thousands of virtual threads) are separate concerns.
 */
@Component
class LaneIntake implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LaneIntake.class);
    // Work under way may take its whole processing budget; stopping sooner would abandon calls already paid for.
    private static final Duration STOP_SLACK = Duration.ofSeconds(15);

    private final Topics topics;
    private final WorkerProperties properties;
    private final KafkaConnection kafka;
    private final RequestHandler handler;
    private final DeepSeekClient deepSeek;
    private final WorkerCapacity capacity;
    private final WorkerIdentity identity;
    private final ShareConsumerFactory consumerFactory;
    private final List<LaneConsumer> consumers = new ArrayList<>();
    private final Map<Lane, List<Thread>> threads = new EnumMap<>(Lane.class);
    private volatile boolean running;
    private volatile PriorityPermits permits;
    private ExecutorService processors;

    LaneIntake(
            Topics topics,
            WorkerProperties properties,
            KafkaConnection kafka,
            RequestHandler handler,
            DeepSeekClient deepSeek,
            WorkerCapacity capacity,
            WorkerIdentity identity,
            ShareConsumerFactory consumerFactory) {
        this.topics = topics;
        this.properties = properties;
        this.kafka = kafka;
        this.handler = handler;
        this.deepSeek = deepSeek;
        this.capacity = capacity;
        this.identity = identity;
        this.consumerFactory = consumerFactory;
    }

    @Override
    public synchronized void start() {
        configureShareGroup();
        PriorityPermits pool = new PriorityPermits(
                capacity::intakeCapacity,
                Map.of(
                        Lane.NORMAL, properties.minimumShare().normal(),
                        Lane.LOW, properties.minimumShare().low()));
        int bulkBatch = properties.fetchBatch();
        capacity.onChange(pool::capacityChanged);
        permits = pool;
        processors = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("request-", 0).factory());
        var settings = new LaneConsumer.IntakeSettings(
                bulkBatch,
                properties.scoutBatch(),
                properties.pollTimeout(),
                properties.processingBudget(),
                deepSeek.requestTimeout(),
                properties.minCallTime());
        for (Lane lane : Lane.values()) {
            String topic = topics.lane(lane).name();
            LaneActivity activity = new LaneActivity();
            List<Thread> laneThreads = new ArrayList<>();
            for (int i = 0; i < properties.consumersPerLane(); i++) {
                String name = "lane-" + lane.name().toLowerCase(Locale.ROOT) + "-" + i;
                int maxRecords = i == 0 ? properties.scoutBatch() : bulkBatch;
                LaneConsumer consumer = new LaneConsumer(
                        lane,
                        topic,
                        i == 0,
                        () -> consumerFactory.create(shareConsumerConfig(name, maxRecords)),
                        pool,
                        activity,
                        handler,
                        processors,
                        settings);
                Thread thread = new Thread(consumer, name);
                consumers.add(consumer);
                laneThreads.add(thread);
                thread.start();
            }
            threads.put(lane, laneThreads);
        }
        running = true;
        log.info(
                "Taking requests from {} with {} consumers per lane (batches of {}) in share group {}, up to {} in"
                        + " flight (instance {})",
                topics.lanes().stream().map(TopicDescriptor::name).toList(),
                properties.consumersPerLane(),
                bulkBatch,
                properties.shareGroup(),
                properties.maxInFlight(),
                identity.instanceId());
    }

    @Override
    public synchronized void stop() {
        consumers.forEach(LaneConsumer::stop);
        long deadline = System.nanoTime()
                + properties.processingBudget().plus(STOP_SLACK).toNanos();
        List<Thread> all = threads.values().stream().flatMap(List::stream).toList();
        for (Thread thread : all) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        all.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        processors.shutdownNow();
        consumers.clear();
        threads.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Consumer threads alive per lane, and records held: what the worker's health reports. */
    synchronized IntakeState state() {
        Map<String, Long> alive = new TreeMap<>();
        threads.forEach((lane, laneThreads) -> alive.put(
                lane.name().toLowerCase(Locale.ROOT),
                laneThreads.stream().filter(Thread::isAlive).count()));
        PriorityPermits current = permits;
        return new IntakeState(running, alive, properties.consumersPerLane(), current == null ? 0 : current.inUse());
    }

    /**
     * @param recordsHeld records this instance holds against its capacity (fetched and not yet acknowledged)
     */
    record IntakeState(boolean running, Map<String, Long> consumersAlive, int consumersPerLane, int recordsHeld) {

        boolean healthy() {
            return running && consumersAlive.values().stream().allMatch(alive -> alive == consumersPerLane);
        }
    }

    private Map<String, Object> shareConsumerConfig(String name, int maxRecords) {
        Map<String, Object> config = kafka.properties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.shareGroup());
        // The instance id in the client id is how the fleet counts its live instances.
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, identity.clientId(name));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // Values are decoded by the handler, so an undecodable record reaches the dead-letter topic intact.
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put("share.acknowledgement.mode", "explicit");
        // A poll returns at most the batch the consumer holds capacity for (the scout's small batch, without).
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
        config.put("share.acquire.mode", "record_limit");
        return config;
    }

    // The group's settings live on the broker. A new share group starts at the latest offset, so requests queued
    // before the first worker ever started would be skipped; the lock duration must match what the intake
    // assumes. (The delivery limit is the broker's group.share.delivery.count.limit, not a group setting.)
    private void configureShareGroup() {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, properties.shareGroup());
        List<AlterConfigOp> settings = List.of(
                set("share.auto.offset.reset", "earliest"),
                set(
                        "share.record.lock.duration.ms",
                        Long.toString(properties.recordLockDuration().toMillis())));
        try (Admin admin = Admin.create(kafka.properties())) {
            admin.incrementalAlterConfigs(Map.of(group, settings)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot configure share group " + properties.shareGroup(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while configuring share group", e);
        }
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
