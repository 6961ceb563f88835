package com.clientnest.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.ContentInput;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class SubmissionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Topics topics;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    @Test
    void queuesASentimentRequestInTheDatabaseAndOnItsLane() {
        // Given the professional development user
        String body = """
                {"text": "My order arrived broken", "context": "support ticket"}""";

        // When
        Reply reply = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, body);

        // Then the answer: professional (60) + sentiment (10) = 70 is the normal lane, nothing queued ahead yet
        assertThat(reply.status()).isEqualTo(202);
        String requestId = reply.body().get("requestId").asString();
        assertThat(reply.body()).isEqualTo(api.json("""
                        {"requestId": "%s", "status": "QUEUED", "lane": "normal",
                         "statusUrl": "/api/v1/ai/requests/%s", "estimatedWaitSeconds": %d}""".formatted(
                requestId, requestId, reply.body().get("estimatedWaitSeconds").asInt())));
        assertThat(reply.body().get("estimatedWaitSeconds").asInt()).isPositive();

        // and the stored request
        Map<String, Object> row = jdbc.sql(
                        "SELECT user_id, type, status, lane, priority_score, input::text AS input FROM ai_requests"
                                + " WHERE id = :id")
                .param("id", UUID.fromString(requestId))
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("user_id", "dev")
                .containsEntry("type", "sentiment")
                .containsEntry("status", "QUEUED")
                .containsEntry("lane", "normal")
                .containsEntry("priority_score", 70);
        assertThat(api.json((String) row.get("input"))).isEqualTo(api.json("""
                        {"text": "My order arrived broken", "context": "support ticket"}"""));

        // and the event on the normal lane, keyed by the request id
        String lane = topics.lane(Lane.NORMAL).name();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(KafkaTestClients.recordsWithKey(lane, requestId))
                        .hasSize(1));
        AiRequested event = (AiRequested)
                KafkaTestClients.recordsWithKey(lane, requestId).get(0).value();
        AiRequested expected = AiRequested.newBuilder(event)
                .setRequestId(requestId)
                .setUserId("dev")
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setLane(Lane.NORMAL)
                .setPriorityScore(70)
                .setInput(new SentimentInput("My order arrived broken", "support ticket"))
                .setReservationId(reservationOf(requestId))
                .setBatchId(null)
                .build();
        assertThat(event).isEqualTo(expected);
        assertThat(UUID.fromString(event.getEventId())).isNotNull();
    }

    @Test
    void putsAnUrgentContentRequestAskedAsHighOnTheHighLane() {
        // Given a professional user, who may ask for the high lane
        String body = """
                {"prompt": "Announce our autumn sale", "platform": "instagram", "contentType": "caption",
                 "temperature": 0.7, "maxTokens": 300, "priority": "high", "urgent": true}""";

        // When
        Reply reply = api.post("/api/v1/ai/content", GatewayIntegrationTest.DEV_USER_KEY, body);

        // Then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().get("lane").asString()).isEqualTo("high");
        String requestId = reply.body().get("requestId").asString();
        String lane = topics.lane(Lane.HIGH).name();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(KafkaTestClients.recordsWithKey(lane, requestId))
                        .hasSize(1));
        AiRequested event = (AiRequested)
                KafkaTestClients.recordsWithKey(lane, requestId).get(0).value();
        assertThat(event.getPriorityScore()).isEqualTo(110);
        assertThat(event.getInput())
                .isEqualTo(new ContentInput("Announce our autumn sale", "instagram", "caption", 0.7, 300));
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstAnswerAndPublishesOnce() {
        // Given
        String key = "order-" + UUID.randomUUID();
        String body = """
                {"content": "Buy now", "platform": "linkedin", "optimizationType": "conversion"}""";
        Reply first = api.post(
                "/api/v1/ai/optimization", GatewayIntegrationTest.DEV_USER_KEY, body, Map.of("Idempotency-Key", key));

        // When
        Reply repeat = api.post(
                "/api/v1/ai/optimization", GatewayIntegrationTest.DEV_USER_KEY, body, Map.of("Idempotency-Key", key));

        // Then
        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        String requestId = first.body().get("requestId").asString();
        assertThat(jdbc.sql("SELECT count(*) FROM ai_requests WHERE user_id = 'dev' AND idempotency_key = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        String lane = topics.lane(Lane.NORMAL).name();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(KafkaTestClients.recordsWithKey(lane, requestId)).hasSize(1);
        });
    }

    @Test
    void rejectsACallWithoutAValidKey() {
        // When
        Reply missing = api.post("/api/v1/ai/sentiment", null, "{\"text\": \"hi\"}");
        Reply unknown = api.post("/api/v1/ai/sentiment", "not-a-key", "{\"text\": \"hi\"}");

        // Then
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body()).isEqualTo(api.json("""
                        {"instance": "%s", "title": "Unauthorized", "status": 401,
                         "detail": "An 'Authorization: Bearer <api key>' header is required",
                         "code": "unauthorized"}""".formatted("/api/v1/ai/sentiment")));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().get("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void rejectsABlankTextWithTheFieldInTheProblem() {
        // When
        Reply reply = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, "{\"text\": \"  \"}");

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(api.json("""
                        {"instance": "%s", "title": "Bad Request", "status": 400,
                         "detail": "The request has invalid fields", "code": "validation_failed",
                         "errors": [{"field": "text", "message": "must not be blank"}]}""".formatted("/api/v1/ai/sentiment")));
    }

    @Test
    void rejectsAnUnknownPlatformNamingTheAcceptedOnes() {
        // When
        Reply reply = api.post("/api/v1/ai/content", GatewayIntegrationTest.DEV_USER_KEY, """
                {"prompt": "Hello", "platform": "myspace", "contentType": "post"}""");

        // Then
        assertThat(reply.status()).isEqualTo(400);
        String message = "must be one of [twitter, facebook, instagram, linkedin, tiktok, general]";
        assertThat(reply.body()).isEqualTo(api.json("""
                        {"instance": "%s", "title": "Bad Request", "status": 400,
                         "detail": "'platform' %s", "code": "validation_failed",
                         "errors": [{"field": "platform", "message": "%s"}]}""".formatted("/api/v1/ai/content", message, message)));
    }

    @Test
    void rejectsMalformedJsonAndAWrongMediaType() {
        // When
        Reply malformed = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, "{\"text\": ");
        Reply plainText =
                api.postAs("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, "text/plain", "hello");

        // Then
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("code").asString()).isEqualTo("validation_failed");
        assertThat(plainText.status()).isEqualTo(415);
        assertThat(plainText.body().get("code").asString()).isEqualTo("unsupported_media_type");
    }

    @Test
    void rejectsOutOfRangeContentOptions() {
        // When
        Reply reply = api.post("/api/v1/ai/content", GatewayIntegrationTest.DEV_USER_KEY, """
                {"prompt": "Hello", "platform": "twitter", "contentType": "thread", "temperature": 2.5,
                 "maxTokens": 0}""");

        // Then
        assertThat(reply.status()).isEqualTo(400);
        JsonNode errors = reply.body().get("errors");
        assertThat(errors.findValuesAsString("field")).containsExactlyInAnyOrder("temperature", "maxTokens");
    }

    /** The cost service's reservation for the request, as the gateway stored it. */
    private String reservationOf(String requestId) {
        return jdbc.sql("SELECT reservation_id::text FROM ai_requests WHERE id = :id")
                .param("id", UUID.fromString(requestId))
                .query(String.class)
                .single();
    }
}
