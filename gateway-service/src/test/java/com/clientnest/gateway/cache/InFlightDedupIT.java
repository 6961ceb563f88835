package com.clientnest.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * In-flight dedup and the response cache in the gateway, with results published as a worker would: an identical
 * request follows the one in flight instead of going on a lane, and every follower reaches a final state whatever
 * becomes of its leader. The DeepSeek call counts are checked on the whole suite (local-stack's SpendingIT).
 */
@GatewayIntegrationTest
class InFlightDedupIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Topics topics;

    private final Map<String, String> userIds = new HashMap<>();
    private ApiClient api;

    @DynamicPropertySource
    static void cacheOn(DynamicPropertyRegistry registry) {
        registry.add("clientnest.gateway.cache.enabled", () -> "true");
    }

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    @Test
    void givenARequestInFlightWhenAnIdenticalOneArrivesThenItStaysOffTheLaneAndCompletesWithTheAnswerAsAFreeHit() {
        // Given alice's comment in flight, and bob asking the sentiment of the same comment
        String alice = newUser();
        String bob = newUser();
        String body = sentiment();
        String leader = submit(alice, body).get("requestId").asString();
        String follower = submit(bob, body).get("requestId").asString();
        awaitOnALane(leader);

        // When the answer to alice's request comes back
        KafkaTestClients.publish(topics.results().name(), leader, answerNow(leader, userIds.get(alice)));

        // Then bob's request completes with the same answer, as a cache hit: no tokens of its own, cached
        JsonNode followed = awaitStatus(bob, follower, "COMPLETED");
        JsonNode led = awaitStatus(alice, leader, "COMPLETED");
        assertThat(followed.get("result").get("sentiment"))
                .isEqualTo(led.get("result").get("sentiment"));
        assertThat(List.of(
                        followed.get("result").get("cached").asBoolean(),
                        followed.get("result").get("usage").get("totalTokens").asInt(),
                        led.get("result").get("cached").asBoolean()))
                .containsExactly(true, 0, false);
        // And it never went on a lane
        assertThat(onAnyLane(follower)).isEmpty();
        // And it is billed as a cache hit: usage with no tokens, which settles its reservation
        UsageRecorded usage = awaitUsage(userIds.get(bob), follower);
        assertThat(List.of(usage.getCacheHit(), usage.getUsage().getTotalTokens(), usage.getModel()))
                .containsExactly(true, 0, "deepseek-flash");
        await().atMost(PATIENCE).until(() -> "SETTLED".equals(reservationStatus(follower)));
        // And a third asking the same now is answered from the cache at once
        Reply third = api.post("/api/v1/ai/sentiment", newUser(), body);
        assertThat(List.of(
                        third.status(),
                        third.body().get("status").asString(),
                        third.body().get("cached").asBoolean(),
                        third.body().get("result").get("sentiment").asString()))
                .containsExactly(
                        202,
                        "COMPLETED",
                        true,
                        led.get("result").get("sentiment").asString());
    }

    @Test
    void givenALeaderCancelledBeforeItsCallThenItsOldestFollowerGoesOnItsLaneAndAnswersTheOthers() {
        // Given a request in flight with two identical ones following it
        String alice = newUser();
        String bob = newUser();
        String carol = newUser();
        String body = sentiment();
        String leader = submit(alice, body).get("requestId").asString();
        String first = submit(bob, body).get("requestId").asString();
        String second = submit(carol, body).get("requestId").asString();
        awaitOnALane(leader);

        // When its owner cancels the leader
        assertThat(api.delete("/api/v1/ai/requests/" + leader, alice).status()).isEqualTo(200);

        // Then the oldest follower goes on its lane in its place, and the other follows it
        awaitOnALane(first);
        assertThat(onAnyLane(second)).isEmpty();
        KafkaTestClients.publish(topics.results().name(), first, answerNow(first, userIds.get(bob)));
        JsonNode answered = awaitStatus(carol, second, "COMPLETED");
        assertThat(answered.get("result").get("cached").asBoolean()).isTrue();
        assertThat(awaitStatus(bob, first, "COMPLETED")
                        .get("result")
                        .get("cached")
                        .asBoolean())
                .isFalse();
        assertThat(statusOf(alice, leader)).isEqualTo("CANCELLED");
    }

    @Test
    void givenALeaderThatIsDeadLetteredThenItsFollowersEndWithItAndTheirReservationsAreReleased() {
        // Given
        String alice = newUser();
        String bob = newUser();
        String body = sentiment();
        String leader = submit(alice, body).get("requestId").asString();
        String follower = submit(bob, body).get("requestId").asString();

        // When the worker gives the leader up
        KafkaTestClients.publish(
                topics.results().name(), leader, ResultEvents.failed(leader, userIds.get(alice), true));

        // Then
        JsonNode failed = awaitStatus(bob, follower, "DEAD_LETTERED");
        assertThat(failed.get("error")).isEqualTo(api.json("""
                {"code": "retries_exhausted", "message": "The AI provider kept failing for this request"}"""));
        await().atMost(PATIENCE).until(() -> "RELEASED".equals(reservationStatus(follower)));
        // And an identical request now is a leader of its own, on its lane
        String again = submit(bob, body).get("requestId").asString();
        awaitOnALane(again);
    }

    private static AiCompleted answerNow(String requestId, String userId) {
        return AiCompleted.newBuilder(ResultEvents.sentimentCompleted(requestId, userId))
                .setOccurredAt(Instant.now())
                .build();
    }

    private static String sentiment() {
        return "{\"text\": \"Is the parcel " + UUID.randomUUID() + " on its way?\"}";
    }

    private JsonNode submit(String apiKey, String body) {
        Reply reply = api.post("/api/v1/ai/sentiment", apiKey, body);
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().get("status").asString()).isEqualTo("QUEUED");
        return reply.body();
    }

    private JsonNode awaitStatus(String apiKey, String requestId, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> api.get("/api/v1/ai/requests/" + requestId, apiKey)
                                .body(),
                        request -> status.equals(request.get("status").asString()));
    }

    private String statusOf(String apiKey, String requestId) {
        return api.get("/api/v1/ai/requests/" + requestId, apiKey)
                .body()
                .get("status")
                .asString();
    }

    @Test
    void givenABurstOfIdenticalRequestsAtOnceThenEveryOneIsAcceptedAndOneOfThemLeadsTheOthers() throws Exception {
        // Given five users about to ask the sentiment of the same comment 30 times each, all at the same moment: far
        // more identical submissions than the gateway has database connections (10)
        List<String> users = List.of(newUser(), newUser(), newUser(), newUser(), newUser());
        String body = sentiment();
        int burst = 150;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(burst);
        try {
            for (int i = 0; i < burst; i++) {
                String user = users.get(i % users.size());
                replies.add(callers.submit(() -> {
                    start.await();
                    return api.post("/api/v1/ai/sentiment", user, body);
                }));
            }

            // When they are let go
            start.countDown();
            List<Reply> answers = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                answers.add(reply.get(120, TimeUnit.SECONDS));
            }

            // Then every one is accepted (none refused for want of a database connection)
            assertThat(answers.stream().map(Reply::status).distinct().toList()).containsExactly(202);
            // And exactly one of them goes on a lane, the others following it
            List<String> ids = answers.stream()
                    .map(reply -> reply.body().get("requestId").asString())
                    .toList();
            List<String> leaders = jdbc.sql(
                            "SELECT id::text FROM ai_requests WHERE id::text IN (:ids) AND leader_id IS NULL")
                    .param("ids", ids)
                    .query(String.class)
                    .list();
            assertThat(leaders).hasSize(1);
            long followers = jdbc.sql("SELECT count(*) FROM ai_requests WHERE leader_id = :leader")
                    .param("leader", UUID.fromString(leaders.getFirst()))
                    .query(Long.class)
                    .single();
            assertThat(followers).isEqualTo(burst - 1);
        } finally {
            callers.shutdownNow();
        }
    }

    private void awaitOnALane(String requestId) {
        await().atMost(PATIENCE).until(() -> !onAnyLane(requestId).isEmpty());
    }

    private List<Object> onAnyLane(String requestId) {
        return topics.lanes().stream()
                .map(TopicDescriptor::name)
                .flatMap(lane -> KafkaTestClients.recordsWithKey(lane, requestId).stream())
                .map(record -> (Object) record.value())
                .toList();
    }

    private UsageRecorded awaitUsage(String userId, String requestId) {
        return await().atMost(PATIENCE)
                .until(
                        () -> KafkaTestClients.recordsWithKey(topics.usage().name(), userId).stream()
                                .map(record -> (UsageRecorded) record.value())
                                .filter(usage -> usage.getRequestId().equals(requestId))
                                .findFirst()
                                .orElse(null),
                        usage -> usage != null);
    }

    private String newUser() {
        Reply created =
                api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "dedup %s", "tier": "professional"}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        String apiKey = created.body().get("apiKey").asString();
        userIds.put(apiKey, created.body().get("userId").asString());
        return apiKey;
    }

    private String reservationStatus(String requestId) {
        return jdbc.sql("""
                        SELECT c.status FROM cost.reservations c JOIN ai_requests r ON r.reservation_id = c.id
                        WHERE r.id = :id""")
                .param("id", UUID.fromString(requestId))
                .query(String.class)
                .single();
    }
}
