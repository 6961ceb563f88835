package com.clientnest.local.benchmark;

import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows a results topic from its start and counts completions and failures, remembering when each arrived. */
final class ResultCounter implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ResultCounter(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::follow, "bench-results");
        thread.setDaemon(true);
        thread.start();
    }

    long completed() {
        return completedAt.size();
    }

    long failed() {
        return failed.get();
    }

    /** When the request's completion reached the topic (broker time of the record), or null. */
    Long completedAt(String requestId) {
        return completedAt.get(requestId);
    }

    private void follow() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                SpecificRecord event = deserializer.deserialize(record.topic(), record.value());
                if (event instanceof AiCompleted) {
                    completedAt.put(record.key(), record.timestamp());
                } else {
                    failed.incrementAndGet();
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
