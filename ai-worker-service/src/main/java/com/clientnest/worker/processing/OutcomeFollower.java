package com.clientnest.worker.processing;

import com.clientnest.schemas.topics.Topics;
import com.clientnest.worker.config.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
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
 * Follows every partition of {@code ai.results} (no consumer group: each instance needs all of it), starting one
 * dedup window back, and tells {@link PublishedOutcomes} which requests have their outcome. Only keys and
 * timestamps are read; the key of a result is its request id.
 */
@Component
class OutcomeFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final PublishedOutcomes outcomes;
    private final KafkaConnection kafka;
    private final String topic;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    OutcomeFollower(PublishedOutcomes outcomes, KafkaConnection kafka, Topics topics) {
        this.outcomes = outcomes;
        this.kafka = kafka;
        this.topic = topics.results().name();
    }

    @Override
    public synchronized void start() {
        Map<String, Object> config = kafka.properties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = new Thread(this::follow, "outcome-follower");
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

    private void follow() {
        try (KafkaConsumer<String, byte[]> results = consumer) {
            assignFromWindowStart(results);
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : results.poll(POLL)) {
                        if (record.key() != null) {
                            outcomes.record(record.key(), record.timestamp());
                        }
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("Cannot follow {}, carrying on: {}", topic, e.toString());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Outcome follower was woken up while running", e);
            }
        } catch (RuntimeException e) {
            log.error("Outcome follower stopped; redeliveries after a lost acknowledgement may call DeepSeek again", e);
        }
    }

    private void assignFromWindowStart(KafkaConsumer<String, byte[]> results) {
        List<TopicPartition> partitions = results.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        results.assign(partitions);
        long from = System.currentTimeMillis() - outcomes.windowMillis();
        Map<TopicPartition, OffsetAndTimestamp> offsets = results.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> from)));
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                results.seekToEnd(List.of(partition));
            } else {
                results.seek(partition, offset.offset());
            }
        });
    }
}
