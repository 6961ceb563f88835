package com.clientnest.worker.cancellation;

import com.clientnest.schemas.topics.Topics;
import com.clientnest.worker.config.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows every partition of the cancellations topic from its beginning, with no consumer group (each instance needs
 * all of it), and tells {@link CancelledRequests}. Only keys and timestamps are read: the key is the request id. It
 * starts before the lane intake and reads what is already on the topic first, so a starting instance does not call
 * DeepSeek for a request cancelled while it was down.
 */
@Component
class CancellationFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CancellationFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final CancelledRequests cancelled;
    private final KafkaConnection kafka;
    private final String topic;
    private final Duration catchUpTimeout;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    CancellationFollower(
            CancelledRequests cancelled, KafkaConnection kafka, Topics topics, CancellationProperties properties) {
        this.cancelled = cancelled;
        this.kafka = kafka;
        this.topic = topics.cancelled().name();
        this.catchUpTimeout = properties.catchUpTimeout();
    }

    /** Before the lane intake, which runs in the default phase. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    @Override
    public synchronized void start() {
        Map<String, Object> config = kafka.properties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config);
        running = true;
        try {
            catchUp();
        } catch (KafkaException e) {
            log.warn(
                    "Cannot read the cancellations already on {}; reading them while working: {}", topic, e.toString());
        }
        thread = new Thread(this::follow, "cancellation-follower");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void catchUp() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, catchUpTimeout).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, catchUpTimeout);
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                log.warn("Not all cancellations read within {}; reading the rest while working", catchUpTimeout);
                return;
            }
            remember(consumer.poll(POLL));
        }
        log.info("Read {} remembered cancellations from {}", cancelled.size(), topic);
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> cancellations = consumer) {
            if (cancellations.assignment().isEmpty()) {
                List<TopicPartition> partitions = cancellations.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                cancellations.assign(partitions);
                cancellations.seekToBeginning(partitions);
            }
            while (running) {
                try {
                    remember(cancellations.poll(POLL));
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("Cannot follow {}, carrying on: {}", topic, e.toString());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Cancellation follower was woken up while running", e);
            }
        } catch (RuntimeException e) {
            log.error("Cancellation follower stopped; cancelled requests may be called and billed", e);
        }
    }

    private void remember(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            // A record without a value would be a tombstone: nothing is cancelled by it.
            if (record.key() != null && record.value() != null) {
                cancelled.record(record.key(), record.timestamp());
            }
        }
    }
}
