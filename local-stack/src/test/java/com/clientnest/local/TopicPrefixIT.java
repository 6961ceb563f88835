package com.clientnest.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite started with a topic prefix, as {@code clientnest.kafka.topic-prefix} (environment:
 * {@code CLIENTNEST_KAFKA_TOPIC_PREFIX}) gives it to every service: a request goes the whole way only if the gateway,
 * the worker and the cost service all publish and consume the prefixed topics.
 */
class TopicPrefixIT {

    private static final String PREFIX = "prefixed.";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Infrastructure infrastructure;
    private static LocalStack stack;

    @BeforeAll
    static void startSuiteWithAPrefix() {
        infrastructure = SharedTestInfrastructure.get();
        stack = LocalStack.start(LocalStackSettings.forTests().withTopicPrefix(PREFIX), infrastructure);
    }

    @AfterAll
    static void stopSuite() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyServicePublishesAndConsumesOnlyThePrefixedTopics() throws Exception {
        // Given a user of the prefixed suite
        StackClient client = StackClient.newUser(stack, "test-admin-key", "Prefixed");

        // When a request is submitted, and the worker (lane), the gateway (results) and the cost service (usage)
        // each consume what another published
        String requestId = client.submitSentiment("Prefixed topics, same suite", Map.of());
        client.awaitCompletedAndSettled(requestId);

        // Then its records are on the prefixed topics of its path, and on no topic without the prefix
        List<String> watched = new ArrayList<>();
        Stream.of(new Topics(PREFIX), new Topics("")).forEach(topics -> watched.addAll(pipelineTopics(topics)));
        assertThat(topicsCarrying(watched, requestId))
                .containsExactly(
                        "prefixed.ai.requests.normal",
                        "prefixed.ai.requests.started",
                        "prefixed.ai.results",
                        "prefixed.ai.usage");
    }

    private static List<String> pipelineTopics(Topics topics) {
        List<String> names = new ArrayList<>(
                topics.lanes().stream().map(TopicDescriptor::name).toList());
        names.addAll(List.of(
                topics.started().name(),
                topics.results().name(),
                topics.usage().name(),
                topics.deadLetters().name()));
        return names;
    }

    /** Reads every topic that exists to its end (the request is final, so all of its records are written). */
    private static Set<String> topicsCarrying(List<String> watched, String requestId) {
        AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();
        Set<String> topics = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics();
            List<TopicPartition> partitions = watched.stream()
                    .filter(existing::containsKey)
                    .flatMap(topic -> existing.get(topic).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                assertThat(System.nanoTime())
                        .as("read every watched topic to its end")
                        .isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (requestId.equals(requestIdOf(deserializer, record))) {
                        topics.add(record.topic());
                    }
                }
            }
        }
        return topics;
    }

    // Other tests of this JVM leave undecodable records on the dead-letter topic; none of them is this request's.
    private static String requestIdOf(
            AvroSingleObjectDeserializer deserializer, ConsumerRecord<String, byte[]> record) {
        try {
            SpecificRecord event = deserializer.deserialize(record.topic(), record.value());
            return event instanceof GenericRecord fields ? String.valueOf(fields.get("requestId")) : null;
        } catch (SerializationException e) {
            return null;
        }
    }
}
