package com.clientnest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TestInfrastructureInitializer;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.infrastructure.WithTestInfrastructure;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A worker with far more work than capacity serves the high lane first, and the low lane still gets its share. */
@WithTestInfrastructure
class PriorityUnderOverloadIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PriorityUnderOverloadIT.class);
    private static final Topics TOPICS = new Topics("priority.");
    private static final String GROUP = "ai-workers-priority";
    private static final int HIGH = 80;
    private static final int LOW = 400;

    @Test
    void underOverloadHighIsServedFirstAndLowIsNotStarved() throws Exception {
        // Given a worker with 10 slots for calls of ~100 ms
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(TOPICS.newTopics((short) 1)).all().get(30, TimeUnit.SECONDS);
        }
        try (DeepSeekSimulator simulator = DeepSeekSimulator.start(
                        SimulatorSettings.defaults().withPort(0).withLatency(100, 150));
                TopicProbe<SpecificRecord> results = TopicProbe.start(
                        bootstrap,
                        new AvroSingleObjectDeserializer(),
                        List.of(TOPICS.results().name()));
                ConfigurableApplicationContext worker = worker(simulator)) {
            // Lanes join the share group one by one, and a lane alone may use all the capacity: wait until every
            // lane has a consumer, then queue the backlog
            awaitEveryLaneConsumed(bootstrap);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                for (int i = 0; i < LOW; i++) {
                    producer.send(record(Lane.LOW, request(Lane.LOW, i)));
                }
                for (int i = 0; i < HIGH; i++) {
                    producer.send(record(Lane.HIGH, request(Lane.HIGH, i)));
                }
                producer.flush();
            }

            // When the worker drains the backlog
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> completions(results).size() == HIGH + LOW);

            // Then high is served ahead of low (a high request completes, in the middle, long before a low one), and
            // low keeps being served while high still waits: it gets its minimum share, and capacity high leaves unused
            List<Lane> order = completions(results);
            log.info("Completion order: {}", order);
            assertThat(medianPosition(order, Lane.HIGH) * 2).isLessThan(medianPosition(order, Lane.LOW));
            assertThat(order.indexOf(Lane.LOW)).isLessThan(order.lastIndexOf(Lane.HIGH));
        }
    }

    private static int medianPosition(List<Lane> order, Lane lane) {
        List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) == lane) {
                positions.add(i);
            }
        }
        return positions.get(positions.size() / 2);
    }

    private static void awaitEveryLaneConsumed(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                try {
                    Set<String> assigned = admin
                            .describeShareGroups(List.of(GROUP))
                            .describedGroups()
                            .get(GROUP)
                            .get(5, TimeUnit.SECONDS)
                            .members()
                            .stream()
                            .flatMap(member -> member.assignment().topicPartitions().stream())
                            .map(TopicPartition::topic)
                            .collect(Collectors.toSet());
                    return assigned.containsAll(
                            TOPICS.lanes().stream().map(TopicDescriptor::name).toList());
                } catch (ExecutionException e) {
                    return false;
                }
            });
        }
    }

    private static List<Lane> completions(TopicProbe<SpecificRecord> results) {
        return results.records(TOPICS.results().name()).stream()
                .filter(record -> record.value() instanceof AiCompleted)
                .sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
                .map(record -> record.key().startsWith("high-") ? Lane.HIGH : Lane.LOW)
                .toList();
    }

    private static ConfigurableApplicationContext worker(DeepSeekSimulator simulator) {
        return new SpringApplicationBuilder(WorkerApplication.class)
                .initializers(new TestInfrastructureInitializer())
                .run(
                        "--spring.config.name=worker",
                        "--server.port=0",
                        "--clientnest.kafka.topic-prefix=priority.",
                        "--clientnest.worker.share-group=" + GROUP,
                        "--clientnest.worker.max-in-flight=10",
                        "--clientnest.worker.consumers-per-lane=4",
                        "--clientnest.worker.fetch-batch=5",
                        "--clientnest.worker.scout-batch=2",
                        "--clientnest.worker.minimum-share.low=0.1",
                        "--clientnest.worker.fleet.refresh-interval=200ms",
                        "--clientnest.deepseek.base-url=" + simulator.baseUrl(),
                        "--clientnest.deepseek.api-key=test-key");
    }

    private static ProducerRecord<String, byte[]> record(Lane lane, AiRequested request) {
        String topic = TOPICS.lane(lane).name();
        return new ProducerRecord<>(
                topic, request.getRequestId(), new AvroSingleObjectSerializer().serialize(topic, request));
    }

    private static AiRequested request(Lane lane, int i) {
        return LaneRecords.request(lane == Lane.HIGH ? Tier.ENTERPRISE : Tier.FREE, lane, lane == Lane.HIGH ? 110 : 30)
                .setRequestId(lane.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID())
                .setUserId("user-priority-" + i)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setInput(new SentimentInput("Priority request " + i, null))
                .build();
    }
}
