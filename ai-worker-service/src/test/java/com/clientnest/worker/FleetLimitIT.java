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
import com.clientnest.simulator.LatencyProfile;
import com.clientnest.simulator.SimulatorSettings;
import com.clientnest.worker.capacity.WorkerCapacity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two worker instances in one JVM share one DeepSeek account: together they never hold more calls than the
 * account allows, and nothing is dead-lettered for a 429.
 */
@WithTestInfrastructure
class FleetLimitIT {

    private static final int ACCOUNT_LIMIT = 6;
    private static final int REQUESTS = 120;
    private static final Topics TOPICS = new Topics("fleet.");

    @Test
    void twoInstancesTogetherStayWithinTheAccountsConcurrencyAndDeadLetterNothing() throws Exception {
        // Given a DeepSeek account that takes 6 calls at once, answering in about 200 ms, and two workers
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        try (DeepSeekSimulator simulator = DeepSeekSimulator.start(SimulatorSettings.defaults()
                        .withPort(0)
                        .withLatency(LatencyProfile.of(200, 300))
                        .withConcurrencyLimit(ACCOUNT_LIMIT));
                ConfigurableApplicationContext first = worker(simulator);
                ConfigurableApplicationContext second = worker(simulator);
                TopicProbe<SpecificRecord> results = TopicProbe.start(
                        bootstrap,
                        new AvroSingleObjectDeserializer(),
                        List.of(TOPICS.results().name()));
                TopicProbe<byte[]> deadLetters = TopicProbe.start(
                        bootstrap,
                        new ByteArrayDeserializer(),
                        List.of(TOPICS.deadLetters().name()));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            WorkerCapacity one = first.getBean(WorkerCapacity.class);
            WorkerCapacity two = second.getBean(WorkerCapacity.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> one.snapshot().fleetInstances() == 2
                            && two.snapshot().fleetInstances() == 2
                            && one.snapshot().fleetShare() + two.snapshot().fleetShare() == ACCOUNT_LIMIT);
            simulator.resetStats();

            // When a backlog of 120 requests arrives on the normal lane
            String lane = TOPICS.lane(Lane.NORMAL).name();
            for (int i = 0; i < REQUESTS; i++) {
                AiRequested request = request(i);
                producer.send(new ProducerRecord<>(
                        lane, request.getRequestId(), new AvroSingleObjectSerializer().serialize(lane, request)));
            }
            producer.flush();

            // Then all complete, both instances took part, DeepSeek never had more than 6 calls open and refused none
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> results.records(TOPICS.results().name()).stream()
                                    .map(ConsumerRecord::value)
                                    .filter(AiCompleted.class::isInstance)
                                    .count()
                            == REQUESTS);
            assertThat(simulator.stats().peakInFlight()).isLessThanOrEqualTo(ACCOUNT_LIMIT);
            assertThat(simulator.stats().callsWithStatus(429)).isZero();
            assertThat(deadLetters.records(TOPICS.deadLetters().name())).isEmpty();
            assertThat(one.snapshot().peakCallsInFlight()).isPositive();
            assertThat(two.snapshot().peakCallsInFlight()).isPositive();
        }
    }

    private static ConfigurableApplicationContext worker(DeepSeekSimulator simulator) {
        return new SpringApplicationBuilder(WorkerApplication.class)
                .initializers(new TestInfrastructureInitializer())
                .run(
                        "--spring.config.name=worker",
                        "--server.port=0",
                        "--clientnest.kafka.topic-prefix=fleet.",
                        "--clientnest.worker.share-group=ai-workers-fleet",
                        "--clientnest.worker.consumers-per-lane=2",
                        "--clientnest.worker.fetch-batch=3",
                        "--clientnest.worker.scout-batch=2",
                        "--clientnest.worker.fleet.refresh-interval=200ms",
                        "--clientnest.deepseek.max-concurrency=" + ACCOUNT_LIMIT,
                        "--clientnest.deepseek.base-url=" + simulator.baseUrl(),
                        "--clientnest.deepseek.api-key=test-key");
    }

    private static AiRequested request(int i) {
        return LaneRecords.request(Tier.BUSINESS, Lane.NORMAL, 80)
                .setUserId("user-fleet-" + i % 7)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setInput(new SentimentInput("Fleet request " + i, null))
                .build();
    }
}
