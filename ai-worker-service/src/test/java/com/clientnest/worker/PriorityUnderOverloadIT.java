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
import com.clientnest.schemas.topics.Topics;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A worker with far more work than capacity serves the high lane first, and the low lane still gets its turn. */
@WithTestInfrastructure
class PriorityUnderOverloadIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PriorityUnderOverloadIT.class);
    private static final Topics TOPICS = new Topics("priority.");
    private static final int HIGH = 80;
    private static final int LOW = 40;

    @Test
    void underOverloadHighIsServedFirstAndLowIsNotStarved() throws Exception {
        // Given a backlog of 80 high and 40 low requests waiting before the worker starts, for 10 slots of ~100 ms
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(TOPICS.newTopics((short) 1)).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < LOW; i++) {
                send(producer, Lane.LOW, request(Lane.LOW, i));
            }
            for (int i = 0; i < HIGH; i++) {
                send(producer, Lane.HIGH, request(Lane.HIGH, i));
            }
        }

        try (DeepSeekSimulator simulator = DeepSeekSimulator.start(
                        SimulatorSettings.defaults().withPort(0).withLatency(100, 150));
                TopicProbe<SpecificRecord> results = TopicProbe.start(
                        bootstrap,
                        new AvroSingleObjectDeserializer(),
                        List.of(TOPICS.results().name()));
                ConfigurableApplicationContext worker = worker(simulator)) {

            // When the worker drains the backlog
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> completions(results).size() == HIGH + LOW);

            // Then high fills most of the first completions (it is two thirds of the backlog), and low
            // completions start long before high is drained
            List<Lane> order = completions(results);
            log.info("Completion order: {}", order);
            assertThat(order.subList(0, 40).stream().filter(Lane.HIGH::equals).count())
                    .isGreaterThanOrEqualTo(30);
            assertThat(order.indexOf(Lane.LOW)).isLessThan(order.lastIndexOf(Lane.HIGH));
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
                        "--clientnest.worker.share-group=ai-workers-priority",
                        "--clientnest.worker.max-in-flight=10",
                        "--clientnest.worker.consumers-per-lane=4",
                        "--clientnest.worker.fetch-batch=3",
                        "--clientnest.worker.scout-batch=2",
                        "--clientnest.worker.minimum-share.low=0.1",
                        "--clientnest.worker.fleet.refresh-interval=200ms",
                        "--clientnest.deepseek.base-url=" + simulator.baseUrl(),
                        "--clientnest.deepseek.api-key=test-key");
    }

    private static void send(KafkaProducer<String, byte[]> producer, Lane lane, AiRequested request) throws Exception {
        String topic = TOPICS.lane(lane).name();
        producer.send(new ProducerRecord<>(
                        topic, request.getRequestId(), new AvroSingleObjectSerializer().serialize(topic, request)))
                .get();
    }

    private static AiRequested request(Lane lane, int i) {
        return AiRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setRequestId(lane.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID())
                .setUserId("user-priority-" + i)
                .setTier(lane == Lane.HIGH ? Tier.ENTERPRISE : Tier.FREE)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setLane(lane)
                .setPriorityScore(lane == Lane.HIGH ? 110 : 30)
                .setInput(new SentimentInput("Priority request " + i, null))
                .build();
    }
}
