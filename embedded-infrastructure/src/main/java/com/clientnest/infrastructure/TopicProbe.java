package com.clientnest.infrastructure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records everything published to some topics from the beginning, on a background thread, so a test can
 * assert on what a service published: {@code await().untilAsserted(() -> assertThat(probe.records(...)))}.
 */
public final class TopicProbe<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private TopicProbe(String bootstrapServers, Deserializer<V> valueDeserializer, Collection<String> topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "probe-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                        1000),
                new StringDeserializer(),
                valueDeserializer);
        consumer.subscribe(topics);
        poller = new Thread(this::poll, "topic-probe");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts recording the given topics from their first offset. */
    public static <V> TopicProbe<V> start(
            String bootstrapServers, Deserializer<V> valueDeserializer, Collection<String> topics) {
        return new TopicProbe<>(bootstrapServers, valueDeserializer, topics);
    }

    /** Everything received so far on one topic, in arrival order. */
    public List<ConsumerRecord<String, V>> records(String topic) {
        return records(record -> record.topic().equals(topic));
    }

    /** Everything received so far with the given key on one topic. */
    public List<ConsumerRecord<String, V>> records(String topic, String key) {
        return records(record -> record.topic().equals(topic) && key.equals(record.key()));
    }

    public List<ConsumerRecord<String, V>> records(Predicate<ConsumerRecord<String, V>> filter) {
        List<ConsumerRecord<String, V>> matching = new ArrayList<>();
        received.stream().filter(filter).forEach(matching::add);
        return matching;
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        } catch (WakeupException e) {
            // close() woke the poller up.
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
