package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Raw records on the shared broker, and dead letters as a worker writes them. */
final class DeadLetters {

    private DeadLetters() {}

    /** Every record of the topic with this key, bytes and headers as they are, from the beginning to the end. */
    static List<ConsumerRecord<String, byte[]>> rawRecordsWithKey(String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedTestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
            return found;
        }
    }

    /** Moves a lane record to the dead-letter topic as a worker does: its bytes as they were, with why and whence. */
    static void deadLetter(String deadLetterTopic, ConsumerRecord<String, byte[]> laneRecord, String reason) {
        KafkaTestClients.publishRaw(
                deadLetterTopic,
                laneRecord.key(),
                laneRecord.value(),
                Map.of(
                        DeadLetterHeaders.REASON_CODE,
                        reason,
                        DeadLetterHeaders.MESSAGE,
                        "DeepSeek kept answering 503",
                        DeadLetterHeaders.EXCEPTION_CLASS,
                        "com.clientnest.worker.deepseek.DeepSeekException",
                        DeadLetterHeaders.ORIGINAL_TOPIC,
                        laneRecord.topic(),
                        DeadLetterHeaders.ORIGINAL_PARTITION,
                        Integer.toString(laneRecord.partition()),
                        DeadLetterHeaders.ORIGINAL_OFFSET,
                        Long.toString(laneRecord.offset()),
                        DeadLetterHeaders.ATTEMPTS,
                        "4"));
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
