package com.clientnest.worker.intake;

import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.DeepSeekClient;
import com.clientnest.worker.processing.RequestHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts this worker's share consumers: {@code concurrency} per lane, all drawing on one pool of
 * {@link PriorityPermits}, so any lane can use the whole capacity while priority decides who gets it.
 */
@Component
class LaneIntake implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LaneIntake.class);
    // Work under way may take its whole processing budget; stopping sooner would abandon calls already paid for.
    private static final Duration STOP_SLACK = Duration.ofSeconds(15);

    private final Topics topics;
    private final WorkerProperties properties;
    private final KafkaProperties kafka;
    private final RequestHandler handler;
    private final DeepSeekClient deepSeek;
    private final List<LaneConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile PriorityPermits permits;

    LaneIntake(
            Topics topics,
            WorkerProperties properties,
            KafkaProperties kafka,
            RequestHandler handler,
            DeepSeekClient deepSeek) {
        this.topics = topics;
        this.properties = properties;
        this.kafka = kafka;
        this.handler = handler;
        this.deepSeek = deepSeek;
    }

    @Override
    public synchronized void start() {
        configureShareGroup();
        PriorityPermits permits = new PriorityPermits(properties.concurrency(), properties.starvationThreshold());
        var settings = new LaneConsumer.IntakeSettings(
                properties.pollTimeout(),
                properties.idleBackoff(),
                properties.maxIdleBackoff(),
                properties.processingBudget(),
                deepSeek.requestTimeout(),
                properties.minCallTime());
        for (Lane lane : Lane.values()) {
            String topic = topics.lane(lane).name();
            for (int i = 0; i < properties.concurrency(); i++) {
                LaneConsumer consumer =
                        new LaneConsumer(lane, topic, this::newShareConsumer, permits, handler, settings);
                Thread thread = new Thread(consumer, "lane-" + lane.name().toLowerCase(Locale.ROOT) + "-" + i);
                consumers.add(consumer);
                threads.add(thread);
                thread.start();
            }
        }
        running = true;
        log.info(
                "Taking requests from {} with {} consumers per lane in share group {}",
                topics.lanes().stream().map(TopicDescriptor::name).toList(),
                properties.concurrency(),
                properties.shareGroup());
    }

    @Override
    public synchronized void stop() {
        consumers.forEach(LaneConsumer::stop);
        long deadline = System.nanoTime()
                + properties.processingBudget().plus(STOP_SLACK).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        consumers.clear();
        threads.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Consumer threads alive per lane, and capacity in use: what the worker's health reports. */
    synchronized IntakeState state() {
        Map<String, Long> alive = new java.util.TreeMap<>();
        for (Thread thread : threads) {
            String lane = thread.getName()
                    .substring("lane-".length(), thread.getName().lastIndexOf('-'));
            alive.merge(lane, thread.isAlive() ? 1L : 0L, Long::sum);
        }
        PriorityPermits current = permits;
        return new IntakeState(running, alive, properties.concurrency(), current == null ? 0 : current.inUse());
    }

    record IntakeState(boolean running, Map<String, Long> consumersAlive, int consumersPerLane, int permitsInUse) {

        boolean healthy() {
            return running && consumersAlive.values().stream().allMatch(alive -> alive == consumersPerLane);
        }
    }

    private ShareConsumer<String, byte[]> newShareConsumer() {
        Map<String, Object> config = connection();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.shareGroup());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // Values are decoded by the handler, so an undecodable record reaches the dead-letter topic intact.
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put("share.acknowledgement.mode", "explicit");
        // One record per poll, strictly: a record is fetched only against a capacity permit.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put("share.acquire.mode", "record_limit");
        return new KafkaShareConsumer<>(config);
    }

    /** Where the cluster is and how to reach it (security settings come from {@code spring.kafka.properties}). */
    private Map<String, Object> connection() {
        Map<String, Object> config = new HashMap<>(kafka.getProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
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
        try (Admin admin = Admin.create(connection())) {
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
