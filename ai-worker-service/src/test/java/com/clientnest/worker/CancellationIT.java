package com.clientnest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.infrastructure.WithTestInfrastructure;
import com.clientnest.schemas.events.AiCancelled;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.AiStarted;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.SimulatorSettings;
import com.clientnest.worker.cancellation.CancelledRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A request its owner cancelled while it waited on a lane never reaches DeepSeek, on a real broker. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=worker",
            "clientnest.worker.max-in-flight=8",
            "clientnest.worker.consumers-per-lane=1",
            "clientnest.worker.fetch-batch=4",
            "clientnest.worker.scout-batch=2",
            "clientnest.worker.fleet.refresh-interval=200ms"
        })
@WithTestInfrastructure
class CancellationIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Topics TOPICS = new Topics("");
    private static final DeepSeekSimulator SIMULATOR =
            DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0));

    private static TopicProbe<SpecificRecord> events;

    @Autowired
    private CancelledRequests cancelledRequests;

    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void deepSeek(DynamicPropertyRegistry registry) {
        registry.add("clientnest.deepseek.base-url", SIMULATOR::baseUrl);
        registry.add("clientnest.deepseek.api-key", () -> "test-key");
    }

    @BeforeAll
    static void startClients() {
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        events = TopicProbe.start(
                bootstrap,
                new AvroSingleObjectDeserializer(),
                List.of(
                        TOPICS.results().name(),
                        TOPICS.usage().name(),
                        TOPICS.started().name()));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void stopClients() {
        producer.close();
        events.close();
        SIMULATOR.close();
    }

    @Test
    void givenRequestsCancelledWhileOnTheLaneWhenAWorkerTakesThemThenDeepSeekIsNeverCalledAndNothingIsBilled()
            throws Exception {
        // Given five requests whose owners cancelled them while they waited, and one nobody cancelled
        SIMULATOR.resetStats();
        List<AiRequested> cancelled =
                IntStream.range(0, 5).mapToObj(i -> request("Cancelled " + i)).toList();
        AiRequested kept = request("Kept");
        for (AiRequested request : cancelled) {
            send(TOPICS.cancelled().name(), request.getRequestId(), cancellation(request));
        }
        // (the cancellations travel on their own topic: a request already in a call when its cancel arrives is called)
        await().atMost(WAIT)
                .until(() -> cancelled.stream().allMatch(r -> cancelledRequests.isCancelled(r.getRequestId())));

        // When they reach the low lane after their cancellations
        for (AiRequested request : cancelled) {
            send(TOPICS.lane(Lane.LOW).name(), request.getRequestId(), request);
        }
        send(TOPICS.lane(Lane.LOW).name(), kept.getRequestId(), kept);

        // Then each cancelled one ends CANCELLED without an attempt, the other completes, and DeepSeek took one call
        for (AiRequested request : cancelled) {
            AiFailed failed = await().atMost(WAIT).until(() -> only(request, AiFailed.class), f -> f != null);
            assertThat(List.of(
                            failed.getReasonCode(), failed.getAttempts(), failed.getDeadLettered(), failed.getUserId()))
                    .containsExactly("cancelled", 0, false, request.getUserId());
        }
        await().atMost(WAIT).until(() -> only(kept, AiCompleted.class) != null);
        assertThat(SIMULATOR.stats().totalCalls()).isEqualTo(1);
        for (AiRequested request : cancelled) {
            assertThat(only(request, UsageRecorded.class)).isNull();
            assertThat(only(request, AiStarted.class)).isNull();
            assertThat(only(request, AiCompleted.class)).isNull();
        }
    }

    private static void send(String topic, String key, SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, new AvroSingleObjectSerializer().serialize(topic, event)))
                .get();
    }

    private static <T extends SpecificRecord> T only(AiRequested request, Class<T> type) {
        List<T> matching = events
                .records(record -> request.getRequestId().equals(record.key())
                        || (record.value() instanceof UsageRecorded usage
                                && usage.getRequestId().equals(request.getRequestId())))
                .stream()
                .map(ConsumerRecord::value)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
        assertThat(matching).hasSizeLessThanOrEqualTo(1);
        return matching.isEmpty() ? null : matching.get(0);
    }

    private static AiCancelled cancellation(AiRequested request) {
        return AiCancelled.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setRequestId(request.getRequestId())
                .setUserId(request.getUserId())
                .build();
    }

    private static AiRequested request(String text) {
        return LaneRecords.request(Tier.FREE, Lane.LOW, 30)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setInput(new SentimentInput(text, "comment"))
                .build();
    }
}
