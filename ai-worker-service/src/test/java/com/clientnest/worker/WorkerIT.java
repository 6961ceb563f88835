package com.clientnest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.infrastructure.WithTestInfrastructure;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.AiStarted;
import com.clientnest.schemas.events.ContentInput;
import com.clientnest.schemas.events.ContentVariant;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.FaultMode;
import com.clientnest.simulator.FaultPlan;
import com.clientnest.simulator.SimulatorSettings;
import com.clientnest.worker.intake.ShareConsumerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=worker",
            "clientnest.worker.max-in-flight=8",
            "clientnest.worker.consumers-per-lane=2",
            "clientnest.worker.fetch-batch=4",
            "clientnest.worker.scout-batch=2",
            "clientnest.worker.fleet.refresh-interval=200ms",
            "clientnest.worker.retry.initial-backoff=200ms",
            "clientnest.worker.retry.max-backoff=1s",
            "clientnest.worker.retry.max-attempts=8"
        })
@WithTestInfrastructure
@Import(WorkerIT.LosingFirstAcknowledgement.class)
class WorkerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final DeepSeekSimulator SIMULATOR =
            DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0));

    private static TopicProbe<SpecificRecord> events;
    private static TopicProbe<byte[]> deadLetters;
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    private Topics topics;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void deepSeek(DynamicPropertyRegistry registry) {
        registry.add("clientnest.deepseek.base-url", SIMULATOR::baseUrl);
        registry.add("clientnest.deepseek.api-key", () -> "test-key");
    }

    @BeforeAll
    static void startClients() {
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        Topics catalogue = new Topics("");
        events = TopicProbe.start(
                bootstrap,
                new AvroSingleObjectDeserializer(),
                List.of(
                        catalogue.results().name(),
                        catalogue.usage().name(),
                        catalogue.started().name()));
        deadLetters = TopicProbe.start(
                bootstrap,
                new ByteArrayDeserializer(),
                List.of(catalogue.deadLetters().name()));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void stopClients() {
        producer.close();
        events.close();
        deadLetters.close();
        SIMULATOR.close();
    }

    @AfterEach
    void clearFaults() {
        SIMULATOR.clearFaults();
    }

    @Test
    void aSentimentRequestOnTheHighLaneCompletesWithItsResultAndItsUsage() throws Exception {
        // Given
        AiRequested request = sentimentRequest("I love this product, the support team was great!");

        // When
        publish(Lane.HIGH, request);

        // Then the result is on ai.results and one usage event with the same token counts is on ai.usage
        AiCompleted completed = await().atMost(WAIT).until(() -> single(request, AiCompleted.class), c -> c != null);
        assertThat(completed.getResult()).isInstanceOf(SentimentResult.class);
        SentimentResult result = (SentimentResult) completed.getResult();
        assertThat(result.getSentiment()).isEqualTo("positive");
        assertThat(result.getConfidence()).isBetween(0.0, 1.0);
        assertThat(result.getUrgency()).isIn("low", "medium", "high");
        assertThat(completed.getModel()).isEqualTo("deepseek-flash");
        assertThat(completed.getAttempts()).isEqualTo(1);
        assertThat(completed.getCached()).isFalse();
        TokenUsage usage = completed.getUsage();
        assertThat(usage.getPromptTokens()).isPositive();
        assertThat(usage.getTotalTokens()).isEqualTo(usage.getPromptTokens() + usage.getCompletionTokens());
        assertThat(usage.getPromptCacheHitTokens() + usage.getPromptCacheMissTokens())
                .isEqualTo(usage.getPromptTokens());

        UsageRecorded recorded = await().atMost(WAIT).until(() -> single(request, UsageRecorded.class), u -> u != null);
        assertThat(recorded.getUsage()).isEqualTo(usage);
        assertThat(recorded.getUserId()).isEqualTo(request.getUserId());
        assertThat(recorded.getTier()).isEqualTo(Tier.PROFESSIONAL);
        assertThat(recorded.getType()).isEqualTo(RequestType.SENTIMENT_ANALYSIS);
        assertThat(recorded.getCacheHit()).isFalse();

        // and the worker said it started the request, for the gateway's PROCESSING
        AiStarted started = await().atMost(WAIT).until(() -> single(request, AiStarted.class), s -> s != null);
        assertThat(started.getUserId()).isEqualTo(request.getUserId());
        assertThat(started.getOccurredAt()).isBeforeOrEqualTo(completed.getOccurredAt());
    }

    @Test
    void aRequestDeepSeekRejectsGoesToTheDeadLetterTopicWithItsReasonAndFailsWithoutRetries() throws Exception {
        // Given DeepSeek refuses every call as invalid parameters
        SIMULATOR.faults(FaultPlan.status(422, 1.0, Duration.ofSeconds(60)));
        AiRequested request = sentimentRequest("Where is my order?");

        // When
        publish(Lane.NORMAL, request);

        // Then
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT)
                .until(
                        () -> deadLetters.records(topics.deadLetters().name(), request.getRequestId()),
                        r -> !r.isEmpty())
                .get(0);
        assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo("deepseek_invalid_parameters");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC))
                .isEqualTo(topics.lane(Lane.NORMAL).name());
        assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(new AvroSingleObjectDeserializer().deserialize("dlt", dead.value()))
                .isEqualTo(request);

        AiFailed failed = await().atMost(WAIT).until(() -> single(request, AiFailed.class), f -> f != null);
        assertThat(failed.getReasonCode()).isEqualTo("deepseek_invalid_parameters");
        assertThat(failed.getDeadLettered()).isTrue();
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(single(request, UsageRecorded.class)).isNull();
    }

    @Test
    void aTransientDeepSeekOutageIsRetriedWithBackOffUntilTheRequestCompletes() throws Exception {
        // Given DeepSeek answers 503 until two calls have failed
        SIMULATOR.resetStats();
        SIMULATOR.faults(FaultPlan.status(503, 1.0, Duration.ofSeconds(60)));
        AiRequested request = sentimentRequest("The update broke my app, terrible experience");

        // When
        publish(Lane.LOW, request);
        await().atMost(WAIT).until(() -> SIMULATOR.stats().callsWithStatus(503) >= 2);
        SIMULATOR.clearFaults();

        // Then
        AiCompleted completed = await().atMost(WAIT).until(() -> single(request, AiCompleted.class), c -> c != null);
        assertThat(completed.getAttempts()).isGreaterThanOrEqualTo(3);
        assertThat(((SentimentResult) completed.getResult()).getSentiment()).isEqualTo("negative");
        assertThat(deadLetters.records(topics.deadLetters().name(), request.getRequestId()))
                .isEmpty();
    }

    @Test
    void aSuggestionsRequestMakesOneCallPerVariantAndPublishesEveryVariantAtItsRisingTemperatureInOneResult()
            throws Exception {
        // Given a suggestions request of four variants, no temperature of its own
        SIMULATOR.resetStats();
        AiRequested request = suggestionsRequest(4);

        // When
        publish(Lane.LOW, request);

        // Then one result lists the four variants, from the content temperature up in steps of 0.1
        AiCompleted completed = await().atMost(WAIT).until(() -> single(request, AiCompleted.class), c -> c != null);
        assertThat(completed.getVariants())
                .extracting(ContentVariant::getTemperature)
                .containsExactly(0.8, 0.9, 1.0, 1.1);
        assertThat(completed.getVariants())
                .allSatisfy(
                        variant -> assertThat(variant.getContent().getContent()).isNotBlank());
        assertThat(completed.getResult())
                .isEqualTo(completed.getVariants().get(0).getContent());
        assertThat(completed.getAttempts()).isEqualTo(4);
        // and DeepSeek was called four times, each call billed once, counting the request as four generations
        List<UsageRecorded> usage =
                await().atMost(WAIT).until(() -> all(request, UsageRecorded.class), u -> u.size() >= 4);
        assertThat(SIMULATOR.stats().callsWithStatus(200)).isEqualTo(4);
        assertThat(usage)
                .hasSize(4)
                .allSatisfy(recorded -> assertThat(recorded.getRequestCount()).isEqualTo(4));
        assertThat(usage.stream()
                        .mapToInt(recorded -> recorded.getUsage().getTotalTokens())
                        .sum())
                .isEqualTo(completed.getUsage().getTotalTokens());
    }

    @Test
    void aSuggestionsVariantWithAnUnusableAnswerIsCalledAgainAloneAndEveryCallIsBilledExactlyOnce() throws Exception {
        // Given DeepSeek answers blank JSON to half of the calls for a while
        SIMULATOR.resetStats();
        SIMULATOR.faults(FaultPlan.mode(FaultMode.BLANK_JSON, 0.5, Duration.ofSeconds(3)));
        AiRequested request = suggestionsRequest(6);

        // When
        publish(Lane.LOW, request);

        // Then all six variants arrive, with six distinct temperatures
        AiCompleted completed = await().atMost(WAIT).until(() -> single(request, AiCompleted.class), c -> c != null);
        assertThat(completed.getVariants())
                .extracting(ContentVariant::getTemperature)
                .containsExactly(0.8, 0.9, 1.0, 1.1, 1.2, 1.3);
        // and every answered call, blank or not, has exactly one usage event: a retry called only missing variants
        List<UsageRecorded> usage = all(request, UsageRecorded.class);
        assertThat((long) usage.size()).isEqualTo(SIMULATOR.stats().callsWithStatus(200));
        assertThat(usage.size()).isEqualTo(completed.getAttempts()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndTheLaneKeepsServingRequests() throws Exception {
        // Given a record that is not an Avro event, followed by a valid request on the same lane
        String poisonKey = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>(
                        topics.lane(Lane.NORMAL).name(),
                        poisonKey,
                        "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
                .get();
        AiRequested request = sentimentRequest("Thanks, works fine");

        // When
        publish(Lane.NORMAL, request);

        // Then
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT)
                .until(() -> deadLetters.records(topics.deadLetters().name(), poisonKey), r -> !r.isEmpty())
                .get(0);
        assertThat(header(dead, DeadLetterHeaders.REASON_CODE)).isEqualTo("invalid_request");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(await().atMost(WAIT).until(() -> single(request, AiCompleted.class), c -> c != null))
                .isNotNull();
    }

    @Test
    void itsHealthReportsEveryLaneConsumerAliveAndTheCapacityItHolds() throws Exception {
        // When
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // Then
        JsonNode intake = JsonMapper.builder()
                .build()
                .readTree(response.body())
                .path("components")
                .path("intake");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(intake.path("status").asString()).isEqualTo("UP");
        JsonNode details = intake.path("details");
        assertThat(details.path("consumersAlive").toString()).isEqualTo("{\"high\":2,\"low\":2,\"normal\":2}");
        assertThat(details.path("consumersPerLane").asInt()).isEqualTo(2);
        assertThat(details.path("maxInFlight").asInt()).isEqualTo(8);
        assertThat(details.path("breaker").asString()).isEqualTo("CLOSED");
        assertThat(details.path("fleetInstances").asInt()).isEqualTo(1);
        assertThat(details.path("fleetShare").asInt()).isEqualTo(2000);
        assertThat(details.path("capacity").asInt()).isEqualTo(8);
        assertThat(details.path("recordsHeld").asInt()).isBetween(0, 8);
    }

    @Test
    void aRecordDeliveredAgainAfterItsOutcomeWasPublishedCausesNoSecondCallAndNoSecondUsage() throws Exception {
        // Given the broker never hears the ACCEPT of this request's first delivery, so delivers it again
        SIMULATOR.resetStats();
        AiRequested request = sentimentRequest("Lost acknowledgements must not cost twice");
        LosingFirstAcknowledgement.LOSE.add(request.getRequestId());

        // When
        publish(Lane.NORMAL, request);

        // Then the second delivery is accepted without a call: one call, one usage event, one result
        await().atMost(WAIT).until(() -> LosingFirstAcknowledgement.LOST.contains(request.getRequestId()));
        await().atMost(WAIT)
                .until(() -> LosingFirstAcknowledgement.ACCEPTED_AFTER_LOSS.contains(request.getRequestId()));
        await().atMost(WAIT).until(() -> single(request, AiCompleted.class) != null);
        await().atMost(WAIT).until(() -> single(request, UsageRecorded.class) != null);
        assertThat(SIMULATOR.stats().totalCalls()).isEqualTo(1);
    }

    /** Turns the first ACCEPT of chosen requests into a RELEASE, as if the acknowledgement had been lost. */
    @TestConfiguration
    static class LosingFirstAcknowledgement {

        static final Set<String> LOSE = ConcurrentHashMap.newKeySet();
        static final Set<String> LOST = ConcurrentHashMap.newKeySet();
        static final Set<String> ACCEPTED_AFTER_LOSS = ConcurrentHashMap.newKeySet();

        @Bean
        @Primary
        ShareConsumerFactory losingShareConsumerFactory() {
            return new ShareConsumerFactory() {
                @Override
                public ShareConsumer<String, byte[]> create(Map<String, Object> config) {
                    return new KafkaShareConsumer<>(config) {
                        @Override
                        public void acknowledge(ConsumerRecord<String, byte[]> record, AcknowledgeType type) {
                            String key = record.key();
                            if (type == AcknowledgeType.ACCEPT && LOSE.remove(key)) {
                                LOST.add(key);
                                super.acknowledge(record, AcknowledgeType.RELEASE);
                                return;
                            }
                            if (type == AcknowledgeType.ACCEPT && LOST.contains(key)) {
                                ACCEPTED_AFTER_LOSS.add(key);
                            }
                            super.acknowledge(record, type);
                        }
                    };
                }
            };
        }
    }

    private void publish(Lane lane, AiRequested request) throws Exception {
        byte[] value =
                new AvroSingleObjectSerializer().serialize(topics.lane(lane).name(), request);
        producer.send(new ProducerRecord<>(topics.lane(lane).name(), request.getRequestId(), value))
                .get();
    }

    private <T extends SpecificRecord> T single(AiRequested request, Class<T> type) {
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

    private <T extends SpecificRecord> List<T> all(AiRequested request, Class<T> type) {
        return events
                .records(record -> request.getRequestId().equals(record.key())
                        || (record.value() instanceof UsageRecorded usage
                                && usage.getRequestId().equals(request.getRequestId())))
                .stream()
                .map(ConsumerRecord::value)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static AiRequested suggestionsRequest(int variants) {
        return LaneRecords.request(Tier.PROFESSIONAL, Lane.LOW, 60)
                .setType(RequestType.CONTENT_GENERATION)
                .setInput(new ContentInput("Our autumn opening hours", "instagram", "caption", null, 300))
                .setVariants(variants)
                .build();
    }

    private static AiRequested sentimentRequest(String text) {
        return LaneRecords.request(Tier.PROFESSIONAL, Lane.HIGH, 70)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setInput(new SentimentInput(text, "comment"))
                .build();
    }
}
