package com.clientnest.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.ContentInput;
import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.events.ContentVariant;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/ai/suggestions}: several variants of one content request, on the low lane, counted each. */
@GatewayIntegrationTest
class SuggestionsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PATH = "/api/v1/ai/suggestions";

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
    void queuesAnUrgentSuggestionsRequestOfAProfessionalOnTheLowLaneWithItsVariantsReserved() {
        // Given the professional development user, whose urgent content would score 110, the high lane
        String body = """
                {"topic": "Our new recycling programme", "platform": "linkedin", "count": 3, "urgent": true}""";

        // When
        Reply reply = api.post(PATH, GatewayIntegrationTest.DEV_USER_KEY, body);

        // Then it is queued on the low lane all the same
        assertThat(reply.status()).isEqualTo(202);
        String requestId = reply.body().get("requestId").asString();
        assertThat(reply.body()).isEqualTo(api.json("""
                        {"requestId": "%s", "status": "QUEUED", "lane": "low",
                         "statusUrl": "/api/v1/ai/requests/%s", "estimatedWaitSeconds": %d}""".formatted(
                requestId, requestId, reply.body().get("estimatedWaitSeconds").asInt())));
        // and stored as a suggestions request with the score the seed gives it (60 + 0 + 50)
        Map<String, Object> row = jdbc.sql("SELECT type, lane, priority_score FROM ai_requests WHERE id = :id")
                .param("id", UUID.fromString(requestId))
                .query()
                .singleRow();
        assertThat(row).isEqualTo(Map.of("type", "suggestions", "lane", "low", "priority_score", 110));
        // and its reservation holds three content generations
        assertThat(jdbc.sql("SELECT request_type, requests FROM cost.reservations WHERE request_id = :id")
                        .param("id", requestId)
                        .query((rs, n) -> List.of(rs.getString(1), rs.getInt(2)))
                        .single())
                .isEqualTo(List.of("CONTENT_GENERATION", 3));
        // and the event on the low lane asks for three variants of a post about the topic
        String lane = topics.lane(Lane.LOW).name();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(KafkaTestClients.recordsWithKey(lane, requestId))
                        .hasSize(1));
        AiRequested event = (AiRequested)
                KafkaTestClients.recordsWithKey(lane, requestId).get(0).value();
        assertThat(event)
                .isEqualTo(AiRequested.newBuilder(event)
                        .setRequestId(requestId)
                        .setUserId("dev")
                        .setTier(Tier.PROFESSIONAL)
                        .setType(RequestType.CONTENT_GENERATION)
                        .setLane(Lane.LOW)
                        .setPriorityScore(110)
                        .setInput(new ContentInput("Our new recycling programme", "linkedin", "post", null, null))
                        .setReservationId(reservationOf(requestId))
                        .setBatchId(null)
                        .setVariants(3)
                        .build());
    }

    @Test
    void refusesACountOutsideOneToTenNamingTheField() {
        for (String count : List.of("0", "11", "null")) {
            // When
            Reply reply = api.post(PATH, GatewayIntegrationTest.DEV_USER_KEY, """
                    {"topic": "Spring sale", "platform": "twitter", "count": %s}""".formatted(count));

            // Then
            assertThat(reply.status()).as(count).isEqualTo(400);
            assertThat(reply.body().get("code").asString()).isEqualTo("validation_failed");
            assertThat(reply.body().get("errors").findValuesAsString("field")).isEqualTo(List.of("count"));
        }
    }

    @Test
    void refusesAPriorityBecauseSuggestionsAlwaysTravelOnTheLowLane() {
        // When
        Reply reply = api.post(PATH, GatewayIntegrationTest.DEV_USER_KEY, """
                {"topic": "Spring sale", "platform": "twitter", "count": 2, "priority": "high"}""");

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors")).isEqualTo(api.json("""
                        [{"field": "priority", "message": "is not a known field"}]"""));
    }

    @Test
    void refusesMoreVariantsThanTheUserHasLeftAndQueuesNothingForThem() {
        // Given a free user (10 content generations, 10,000 tokens a month) who asked for 4 variants of at most 300
        // tokens each, so that the token estimate of all 10 (about 720 each) fits and the request count decides
        String[] user = createUser("free");
        assertThat(api.post(PATH, user[1], suggestions(4)).status()).isEqualTo(202);

        // When they ask for 7 more, then for the 6 that are left
        Reply seven = api.post(PATH, user[1], suggestions(7));
        Reply six = api.post(PATH, user[1], suggestions(6));

        // Then the 7 are refused as over quota, naming what is left, and the 6 are accepted
        assertThat(seven.status()).isEqualTo(429);
        assertThat(Map.of(
                        "code", seven.body().get("code").asString(),
                        "metric", seven.body().get("metric").asString(),
                        "limit", seven.body().get("limit").asInt(),
                        "reserved", seven.body().get("reserved").asInt(),
                        "requested", seven.body().get("requested").asInt()))
                .isEqualTo(Map.of(
                        "code",
                        "quota_exceeded",
                        "metric",
                        "content_generation",
                        "limit",
                        10,
                        "reserved",
                        4,
                        "requested",
                        7));
        assertThat(six.status()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT count(*) FROM ai_requests WHERE user_id = :user")
                        .param("user", user[0])
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT reserved_content_generation FROM cost.usage_ledger WHERE user_id = :user")
                        .param("user", user[0])
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstAnswerAndAnotherCountUnderItWith422() {
        // Given
        String key = "suggest-" + UUID.randomUUID();
        Reply first =
                api.post(PATH, GatewayIntegrationTest.DEV_USER_KEY, suggestions(2), Map.of("Idempotency-Key", key));

        // When
        Reply repeat =
                api.post(PATH, GatewayIntegrationTest.DEV_USER_KEY, suggestions(2), Map.of("Idempotency-Key", key));
        Reply otherCount =
                api.post(PATH, GatewayIntegrationTest.DEV_USER_KEY, suggestions(3), Map.of("Idempotency-Key", key));

        // Then
        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(otherCount.status()).isEqualTo(422);
        assertThat(otherCount.body().get("code").asString()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void showsEveryVariantWithItsTemperatureOnceTheWorkerHasCompletedTheRequest() {
        // Given
        Reply reply = api.post(PATH, GatewayIntegrationTest.DEV_USER_KEY, suggestions(2));
        String requestId = reply.body().get("requestId").asString();

        // When the worker publishes its two variants
        AiCompleted completed = AiCompleted.newBuilder(ResultEvents.contentCompleted(requestId, "dev"))
                .setVariants(List.of(
                        new ContentVariant(content("Variant one", "#one"), 0.8),
                        new ContentVariant(content("Variant two", "#two"), 0.9)))
                .build();
        KafkaTestClients.publish(topics.results().name(), requestId, completed);

        // Then
        JsonNode status = await().atMost(PATIENCE)
                .until(
                        () -> api.get("/api/v1/ai/requests/" + requestId, GatewayIntegrationTest.DEV_USER_KEY)
                                .body(),
                        body -> "COMPLETED".equals(body.path("status").asString()));
        assertThat(status.get("type").asString()).isEqualTo("suggestions");
        assertThat(status.get("result")).isEqualTo(api.json("""
                        {"variants": [
                           {"content": "Variant one", "hashtags": ["#one"], "mentions": [], "callToAction": "Visit us",
                            "postingTips": [], "temperature": 0.8},
                           {"content": "Variant two", "hashtags": ["#two"], "mentions": [], "callToAction": "Visit us",
                            "postingTips": [], "temperature": 0.9}],
                         "model": "deepseek-flash",
                         "usage": {"promptTokens": 120, "completionTokens": 80, "totalTokens": 200,
                                   "promptCacheHitTokens": 100, "promptCacheMissTokens": 20},
                         "cached": false}"""));
    }

    private static ContentResult content(String text, String hashtag) {
        return ContentResult.newBuilder()
                .setContent(text)
                .setHashtags(List.of(hashtag))
                .setCallToAction("Visit us")
                .build();
    }

    private static String suggestions(int count) {
        return """
                {"topic": "Autumn opening hours", "platform": "instagram", "contentType": "caption", "count": %d,
                 "maxTokens": 300}""".formatted(count);
    }

    private String reservationOf(String requestId) {
        return jdbc.sql("SELECT reservation_id::text FROM ai_requests WHERE id = :id")
                .param("id", UUID.fromString(requestId))
                .query(String.class)
                .single();
    }

    private String[] createUser(String tier) {
        Reply created = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                        {"name": "Suggestions test", "tier": "%s"}""".formatted(tier));
        assertThat(created.status()).isEqualTo(201);
        return new String[] {
            created.body().get("userId").asString(),
            created.body().get("apiKey").asString()
        };
    }
}
