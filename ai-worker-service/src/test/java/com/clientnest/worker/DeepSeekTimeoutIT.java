package com.clientnest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.infrastructure.WithTestInfrastructure;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.FaultMode;
import com.clientnest.simulator.FaultPlan;
import com.clientnest.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A DeepSeek that never answers: calls must be aborted at their deadline, not left hanging. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=worker",
            // Its own topics and share group: the context of WorkerIT may still be running beside this one.
            "clientnest.kafka.topic-prefix=timeouts.",
            "clientnest.worker.share-group=ai-workers-timeouts",
            "clientnest.worker.concurrency=1",
            "clientnest.deepseek.request-timeout=1s",
            "clientnest.worker.min-call-time=500ms",
            "clientnest.worker.retry.max-attempts=2",
            "clientnest.worker.retry.initial-backoff=100ms"
        })
@WithTestInfrastructure
class DeepSeekTimeoutIT {

    private static final Topics TOPICS = new Topics("timeouts.");
    private static final DeepSeekSimulator SIMULATOR =
            DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0));

    @DynamicPropertySource
    static void deepSeek(DynamicPropertyRegistry registry) {
        registry.add("clientnest.deepseek.base-url", SIMULATOR::baseUrl);
        registry.add("clientnest.deepseek.api-key", () -> "test-key");
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void callsThatNeverGetAnAnswerAreAbortedAtTheirTimeoutAndTheRequestFailsAfterItsRetries() throws Exception {
        // Given DeepSeek accepts every call and never answers
        SIMULATOR.faults(FaultPlan.mode(FaultMode.TIMEOUT, 1.0, Duration.ofMinutes(5)));
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        AiRequested request = AiRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setRequestId(UUID.randomUUID().toString())
                .setUserId("user-timeouts")
                .setTier(Tier.STARTER)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setLane(Lane.LOW)
                .setPriorityScore(50)
                .setInput(new SentimentInput("Is anybody there?", null))
                .build();

        try (TopicProbe<SpecificRecord> results = TopicProbe.start(
                        bootstrap,
                        new AvroSingleObjectDeserializer(),
                        List.of(TOPICS.results().name()));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {

            // When
            String lane = TOPICS.lane(Lane.LOW).name();
            producer.send(new ProducerRecord<>(
                            lane, request.getRequestId(), new AvroSingleObjectSerializer().serialize(lane, request)))
                    .get();

            // Then the request fails after both attempts timed out
            AiFailed failed = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> results.records(TOPICS.results().name(), request.getRequestId()).stream()
                                    .map(ConsumerRecord::value)
                                    .filter(AiFailed.class::isInstance)
                                    .map(AiFailed.class::cast)
                                    .findFirst()
                                    .orElse(null),
                            found -> found != null);
            assertThat(failed.getReasonCode()).isEqualTo("retries_exhausted");
            assertThat(failed.getAttempts()).isEqualTo(2);
            assertThat(failed.getDeadLettered()).isTrue();
            assertThat(failed.getMessage()).contains("No complete answer from DeepSeek within PT1S");

            // And both calls were hung up on by the worker rather than left open on DeepSeek's side
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(SIMULATOR.stats()).satisfies(stats -> {
                        assertThat(stats.totalCalls()).isEqualTo(2);
                        assertThat(stats.abandoned()).isEqualTo(2);
                        assertThat(stats.inFlight()).isZero();
                    }));
        }
    }
}
