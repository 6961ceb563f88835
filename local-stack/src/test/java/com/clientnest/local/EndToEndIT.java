package com.clientnest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path of one request through the three services and the simulator, on one real Kafka broker and
 * one real PostgreSQL: REST in, Kafka lanes, the worker's DeepSeek call, results and usage out, the cost
 * service's ledger, and the status the client reads back.
 */
class EndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Topics TOPICS = new Topics("");

    private static Infrastructure infrastructure;
    private static LocalStack stack;
    private static TopicProbe<SpecificRecord> probe;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSuite() {
        infrastructure = SharedTestInfrastructure.get();
        stack = LocalStack.start(LocalStackSettings.forTests(), infrastructure);
        probe = TopicProbe.start(
                infrastructure.kafkaBootstrapServers(),
                new AvroSingleObjectDeserializer(),
                List.of(
                        TOPICS.lane(Lane.HIGH).name(),
                        TOPICS.lane(Lane.NORMAL).name(),
                        TOPICS.lane(Lane.LOW).name(),
                        TOPICS.results().name(),
                        TOPICS.usage().name()));
    }

    @AfterAll
    static void stopSuite() {
        probe.close();
        stack.close();
    }

    @Test
    void aSentimentRequestTravelsThroughEveryServiceAndComesBackCompleted() throws Exception {
        // Given the development user of the professional tier

        // (who may have used the stack in another test of this JVM)
        int usedBefore = get("/api/v1/usage")
                .path("metrics")
                .path("sentimentAnalysis")
                .path("used")
                .asInt();

        // When they ask for the sentiment of a comment
        HttpResponse<String> accepted = post(
                "/api/v1/ai/sentiment", "{\"text\":\"I love the new release, great job!\",\"context\":\"comment\"}");

        // Then the gateway accepts it onto the normal lane (professional 60 + sentiment 10 = 70)
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(accepted.body());
        String requestId = receipt.path("requestId").asString();
        assertThat(receipt.path("status").asString()).isEqualTo("QUEUED");
        assertThat(receipt.path("lane").asString()).isEqualTo("normal");
        assertThat(receipt.path("statusUrl").asString()).endsWith("/api/v1/ai/requests/" + requestId);

        // And the client eventually reads it back completed with the whole sentiment result
        JsonNode status = await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/ai/requests/" + requestId),
                        s -> "COMPLETED".equals(s.path("status").asString()));
        assertThat(status.path("requestId").asString()).isEqualTo(requestId);
        assertThat(status.path("type").asString()).isEqualTo("sentiment");
        assertThat(status.path("lane").asString()).isEqualTo("normal");
        assertThat(status.path("completedAt").isMissingNode()
                        || status.path("completedAt").isNull())
                .isFalse();
        JsonNode result = status.path("result");
        assertThat(result.path("sentiment").asString()).isEqualTo("positive");
        assertThat(result.path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.path("emotions").isArray()).isTrue();
        assertThat(result.path("urgency").asString()).isIn("low", "medium", "high");
        assertThat(result.path("suggestedResponseTone").asString()).isNotBlank();
        assertThat(result.path("model").asString()).isEqualTo("deepseek-flash");
        assertThat(result.path("cached").asBoolean()).isFalse();
        int totalTokens = result.path("usage").path("totalTokens").asInt();
        assertThat(totalTokens).isPositive();

        // And every hop left its event on its topic, keyed as the catalogue says
        AiRequested requested = single(TOPICS.lane(Lane.NORMAL).name(), requestId, AiRequested.class);
        assertThat(requested.getType()).isEqualTo(RequestType.SENTIMENT_ANALYSIS);
        assertThat(((SentimentInput) requested.getInput()).getText()).isEqualTo("I love the new release, great job!");
        AiCompleted completed = single(TOPICS.results().name(), requestId, AiCompleted.class);
        assertThat(((SentimentResult) completed.getResult()).getSentiment()).isEqualTo("positive");
        UsageRecorded usage = await().atMost(WAIT).until(() -> usageOf(requestId), u -> u != null);
        assertThat(usage.getUserId()).isEqualTo(requested.getUserId());
        assertThat(usage.getUsage().getTotalTokens()).isEqualTo(totalTokens);
        // And the quota reservation the gateway made travelled with the request into the usage event
        assertThat(requested.getReservationId()).isNotBlank();
        assertThat(usage.getReservationId()).isEqualTo(requested.getReservationId());

        // And the cost service recorded and priced the call in its own schema
        Map<String, Object> row = await().atMost(WAIT).until(() -> usageRow(requestId), r -> r != null);
        assertThat(row)
                .containsEntry("user_id", requested.getUserId())
                .containsEntry("request_type", "SENTIMENT_ANALYSIS")
                .containsEntry("model", "deepseek-flash")
                .containsEntry("total_tokens", totalTokens);
        assertThat((java.math.BigDecimal) row.get("cost_usd")).isPositive();

        // And the caller's usage shows the request settled: counted, its tokens used, nothing still held
        JsonNode sentiment = await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/usage").path("metrics").path("sentimentAnalysis"),
                        metric -> metric.path("reserved").asInt() == 0);
        assertThat(sentiment.path("used").asInt()).isEqualTo(usedBefore + 1);
        assertThat(sentiment.path("limit").asInt()).isEqualTo(2000);
    }

    @Test
    void contentSuggestionsComeBackAsOneRequestWithEveryVariantAndCountOneGenerationEach() throws Exception {
        // Given the development user, who may have used the stack in another test of this JVM
        int usedBefore = get("/api/v1/usage")
                .path("metrics")
                .path("contentGeneration")
                .path("used")
                .asInt();

        // When they ask for three suggestions, urgently
        HttpResponse<String> accepted = post("/api/v1/ai/suggestions", """
                {"topic": "Our autumn opening hours", "platform": "instagram", "count": 3, "maxTokens": 300,
                 "urgent": true}""");

        // Then they travel on the low lane all the same
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(accepted.body());
        String requestId = receipt.path("requestId").asString();
        assertThat(receipt.path("lane").asString()).isEqualTo("low");

        // And come back as one completed request with three variants at rising temperatures
        JsonNode status = await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/ai/requests/" + requestId),
                        s -> "COMPLETED".equals(s.path("status").asString()));
        assertThat(status.path("type").asString()).isEqualTo("suggestions");
        JsonNode variants = status.path("result").path("variants");
        assertThat(variants.findValues("temperature").stream().map(JsonNode::asDouble))
                .containsExactly(0.8, 0.9, 1.0);
        assertThat(variants.findValuesAsString("content"))
                .hasSize(3)
                .allSatisfy(text -> assertThat(text).isNotBlank());

        // And three DeepSeek calls were billed, and the ledger counts three content generations, none still held
        await().atMost(WAIT).until(() -> usageRowCount(requestId) == 3);
        JsonNode content = await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/usage").path("metrics").path("contentGeneration"),
                        metric -> metric.path("reserved").asInt() == 0);
        assertThat(content.path("used").asInt()).isEqualTo(usedBefore + 3);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                        .header("Authorization", "Bearer test-user-key")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                        .header("Authorization", "Bearer test-user-key")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static <T> T single(String topic, String key, Class<T> type) {
        List<T> values = await().atMost(WAIT)
                .until(
                        () -> probe.records(topic, key).stream()
                                .map(ConsumerRecord::value)
                                .filter(type::isInstance)
                                .map(type::cast)
                                .toList(),
                        found -> !found.isEmpty());
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static UsageRecorded usageOf(String requestId) {
        return probe.records(TOPICS.usage().name()).stream()
                .map(ConsumerRecord::value)
                .filter(UsageRecorded.class::isInstance)
                .map(UsageRecorded.class::cast)
                .filter(usage -> usage.getRequestId().equals(requestId))
                .findFirst()
                .orElse(null);
    }

    private static long usageRowCount(String requestId) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl(),
                        infrastructure.databaseUsername(),
                        infrastructure.databasePassword());
                PreparedStatement query =
                        connection.prepareStatement("select count(*) from cost.usage_records where request_id = ?")) {
            query.setString(1, requestId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Map<String, Object> usageRow(String requestId) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl(),
                        infrastructure.databaseUsername(),
                        infrastructure.databasePassword());
                PreparedStatement query = connection.prepareStatement(
                        "select user_id, request_type, model, total_tokens, cost_usd from cost.usage_records"
                                + " where request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return Map.of(
                        "user_id", rows.getString("user_id"),
                        "request_type", rows.getString("request_type"),
                        "model", rows.getString("model"),
                        "total_tokens", rows.getInt("total_tokens"),
                        "cost_usd", rows.getBigDecimal("cost_usd"));
            }
        }
    }
}
