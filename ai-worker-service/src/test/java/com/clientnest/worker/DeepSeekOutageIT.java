package com.clientnest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.infrastructure.WithTestInfrastructure;
import com.clientnest.schemas.events.AiCompleted;
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
import com.clientnest.worker.capacity.WorkerCapacity;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DeepSeek outages, held open: the breaker pauses intake, calls are aborted at their deadline, a few probes find
 * DeepSeek back, and every request completes. Nothing is dead-lettered for an outage.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=worker",
            // Its own topics and share group: the context of WorkerIT may still be running beside this one.
            "clientnest.kafka.topic-prefix=outage.",
            "clientnest.worker.share-group=ai-workers-outage",
            "clientnest.worker.max-in-flight=4",
            "clientnest.worker.consumers-per-lane=2",
            "clientnest.worker.fetch-batch=2",
            "clientnest.worker.scout-batch=2",
            "clientnest.worker.fleet.refresh-interval=200ms",
            "clientnest.deepseek.request-timeout=1s",
            "clientnest.worker.min-call-time=500ms",
            "clientnest.worker.outage-wait=200ms",
            "clientnest.worker.retry.max-attempts=2",
            "clientnest.worker.retry.initial-backoff=100ms",
            "clientnest.worker.breaker.sliding-window=4",
            "clientnest.worker.breaker.minimum-calls=2",
            "clientnest.worker.breaker.open-wait=1s",
            "clientnest.worker.breaker.max-open-wait=2s"
        })
@WithTestInfrastructure
class DeepSeekOutageIT {

    private static final Topics TOPICS = new Topics("outage.");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final DeepSeekSimulator SIMULATOR =
            DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0));

    private static TopicProbe<SpecificRecord> results;
    private static TopicProbe<byte[]> deadLetters;
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    private WorkerCapacity capacity;

    @DynamicPropertySource
    static void deepSeek(DynamicPropertyRegistry registry) {
        registry.add("clientnest.deepseek.base-url", SIMULATOR::baseUrl);
        registry.add("clientnest.deepseek.api-key", () -> "test-key");
    }

    @BeforeAll
    static void startClients() {
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        results = TopicProbe.start(
                bootstrap,
                new AvroSingleObjectDeserializer(),
                List.of(TOPICS.results().name()));
        deadLetters = TopicProbe.start(
                bootstrap,
                new ByteArrayDeserializer(),
                List.of(TOPICS.deadLetters().name()));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void stopClients() {
        producer.close();
        results.close();
        deadLetters.close();
        SIMULATOR.close();
    }

    @AfterEach
    void recover() {
        SIMULATOR.clearFaults();
        await().atMost(WAIT).until(() -> capacity.deepSeekHealthy());
    }

    @Test
    void aHeldOpenOutagePausesIntakeDeadLettersNothingAndEveryRequestCompletesAfterRecovery() throws Exception {
        // Given DeepSeek answers 503 to everything
        SIMULATOR.resetStats();
        SIMULATOR.faults(FaultPlan.status(503, 1.0, Duration.ofMinutes(5)));
        List<AiRequested> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(request("Outage request " + i));
        }

        // When ten requests arrive, the breaker opens, and DeepSeek stays down for several of its open waits
        for (AiRequested request : requests) {
            publish(Lane.NORMAL, request);
        }
        await().atMost(WAIT).until(() -> capacity.snapshot().breakerState().equals("OPEN"));
        assertThat(capacity.intakeCapacity()).isZero();
        Thread.sleep(6_000);
        long callsDuringOutage = SIMULATOR.stats().callsWithStatus(503);
        SIMULATOR.clearFaults();

        // Then every request completes, none is dead-lettered, and the outage cost only a few calls
        for (AiRequested request : requests) {
            await().atMost(WAIT).until(() -> outcome(request, AiCompleted.class) != null);
            assertThat(outcome(request, AiFailed.class)).isNull();
        }
        assertThat(deadLetters.records(TOPICS.deadLetters().name())).isEmpty();
        assertThat(callsDuringOutage).isLessThanOrEqualTo(12);
    }

    @Test
    void aDeepSeekThatNeverAnswersHasItsCallsAbortedAtTheDeadlineAndTheRequestWaitsInsteadOfFailing() throws Exception {
        // Given DeepSeek accepts every call and never answers
        SIMULATOR.resetStats();
        SIMULATOR.faults(FaultPlan.mode(FaultMode.TIMEOUT, 1.0, Duration.ofMinutes(5)));
        AiRequested request = request("Is anybody there?");

        // When
        publish(Lane.LOW, request);

        // Then the calls are hung up on at their deadline, not left open, and the breaker opens
        await().atMost(WAIT).until(() -> capacity.snapshot().breakerState().equals("OPEN"));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(SIMULATOR.stats()).satisfies(stats -> {
                    assertThat(stats.totalCalls()).isGreaterThanOrEqualTo(2);
                    assertThat(stats.abandoned()).isEqualTo(stats.totalCalls());
                    assertThat(stats.inFlight()).isZero();
                }));
        assertThat(outcome(request, AiFailed.class)).isNull();

        // And once DeepSeek answers again the request completes
        SIMULATOR.clearFaults();
        await().atMost(WAIT).until(() -> outcome(request, AiCompleted.class) != null);
        assertThat(deadLetters.records(TOPICS.deadLetters().name(), request.getRequestId()))
                .isEmpty();
    }

    @Test
    void anAccountFaultOpensTheBreakerAtOnceAndTheRequestCompletesOnceTheBalanceIsBack() throws Exception {
        // Given DeepSeek says the balance is insufficient
        SIMULATOR.faults(FaultPlan.status(402, 1.0, Duration.ofMinutes(5)));
        AiRequested request = request("Paid accounts only");

        // When
        publish(Lane.HIGH, request);

        // Then one 402 opens the breaker, and the request is not dead-lettered
        await().atMost(WAIT).until(() -> capacity.snapshot().breakerState().equals("OPEN"));
        assertThat(outcome(request, AiFailed.class)).isNull();
        SIMULATOR.clearFaults();
        await().atMost(WAIT).until(() -> outcome(request, AiCompleted.class) != null);
        assertThat(deadLetters.records(TOPICS.deadLetters().name(), request.getRequestId()))
                .isEmpty();
    }

    private void publish(Lane lane, AiRequested request) throws Exception {
        String topic = TOPICS.lane(lane).name();
        producer.send(new ProducerRecord<>(
                        topic, request.getRequestId(), new AvroSingleObjectSerializer().serialize(topic, request)))
                .get();
    }

    private static <T extends SpecificRecord> T outcome(AiRequested request, Class<T> type) {
        return results.records(TOPICS.results().name(), request.getRequestId()).stream()
                .map(ConsumerRecord::value)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElse(null);
    }

    private static AiRequested request(String text) {
        return LaneRecords.request(Tier.STARTER, Lane.LOW, 50)
                .setUserId("user-outage")
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setInput(new SentimentInput(text, null))
                .build();
    }
}
