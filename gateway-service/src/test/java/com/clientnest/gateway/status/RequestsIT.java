package com.clientnest.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.events.AiCancelled;
import com.clientnest.schemas.events.AiStarted;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Listing and cancelling one's own requests, as each role: anonymous, a user, another user, the admin. */
@GatewayIntegrationTest
class RequestsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Topics topics;

    private final Map<String, String> userIds = new HashMap<>();
    private ApiClient api;
    private String alice;
    private String bob;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        alice = newUser("alice");
        bob = newUser("bob");
    }

    @Test
    void givenRequestsOfTwoUsersWhenEachListsThenEachSeesOnlyTheirOwnNewestFirst() {
        // Given
        String first = submit(alice, "sentiment");
        String second = submit(alice, "optimization");
        String bobs = submit(bob, "sentiment");

        // When
        Reply alices = api.get("/api/v1/ai/requests", alice);
        Reply bobsList = api.get("/api/v1/ai/requests", bob);

        // Then
        assertThat(alices.status()).isEqualTo(200);
        assertThat(alices.body()).isEqualTo(api.json("""
                {"requests": [%s, %s]}""".formatted(
                        item(alices, 0, second, "optimization"), item(alices, 1, first, "sentiment"))));
        assertThat(bobsList.body()).isEqualTo(api.json("""
                {"requests": [%s]}""".formatted(item(bobsList, 0, bobs, "sentiment"))));
    }

    @Test
    void givenMoreRequestsThanAPageWhenFollowingTheCursorThenEveryRequestComesOnceNewestFirst() {
        // Given five requests
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit(alice, "sentiment"));
        }

        // When paging two at a time
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String path = "/api/v1/ai/requests?limit=2";
        while (path != null) {
            JsonNode page = api.get(path, alice).body();
            pageSizes.add(page.get("requests").size());
            page.get("requests").forEach(item -> seen.add(item.get("requestId").asString()));
            path = page.has("nextCursor")
                    ? "/api/v1/ai/requests?limit=2&cursor="
                            + page.get("nextCursor").asString()
                    : null;
        }

        // Then
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(submitted.reversed());
    }

    @Test
    void givenRequestsOfSeveralStatusesAndTypesWhenFilteredThenOnlyTheMatchingOnesAreListed() {
        // Given a completed sentiment request, a queued one and a queued optimisation
        String completed = submit(alice, "sentiment");
        KafkaTestClients.publish(
                topics.results().name(), completed, ResultEvents.sentimentCompleted(completed, userIdOf(alice)));
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(statusOf(completed)));
        String queued = submit(alice, "sentiment");
        String optimization = submit(alice, "optimization");

        // When
        List<String> queuedSentiment = ids(api.get("/api/v1/ai/requests?status=queued&type=sentiment", alice));
        List<String> done = ids(api.get("/api/v1/ai/requests?status=COMPLETED", alice));
        List<String> optimizations = ids(api.get("/api/v1/ai/requests?type=optimization", alice));
        List<String> sinceFarFuture = ids(api.get("/api/v1/ai/requests?since=2999-01-01T00:00:00Z", alice));

        // Then
        assertThat(queuedSentiment).containsExactly(queued);
        assertThat(done).containsExactly(completed);
        assertThat(optimizations).containsExactly(optimization);
        assertThat(sinceFarFuture).isEmpty();
    }

    @Test
    void givenBadFiltersWhenListingThenEachIsA400NamingTheParameter() {
        // When / Then
        for (String query :
                List.of("status=done", "type=poem", "since=yesterday", "cursor=bm9wZQ", "limit=0", "limit=101")) {
            Reply reply = api.get("/api/v1/ai/requests?" + query, alice);
            String field = query.substring(0, query.indexOf('='));
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.body().get("code").asString()).as(query).isEqualTo("validation_failed");
            assertThat(reply.body().get("errors").get(0).get("field").asString())
                    .as(query)
                    .isEqualTo(field);
        }
    }

    @Test
    void givenAQueuedRequestWhenItsOwnerCancelsItThenItIsCancelledAndItsReservationReleased() {
        // Given
        String requestId = submit(alice, "sentiment");

        // When
        Reply reply = api.delete("/api/v1/ai/requests/" + requestId, alice);

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(api.json("""
                {"requestId": "%s", "type": "sentiment", "status": "CANCELLED", "lane": "normal",
                 "createdAt": "%s", "completedAt": "%s"}""".formatted(
                        requestId,
                        reply.body().get("createdAt").asString(),
                        reply.body().get("completedAt").asString())));
        assertThat(reservationStatus(requestId)).isEqualTo("RELEASED");
        // And every worker is told, so none calls DeepSeek for it
        var announced = await().atMost(PATIENCE)
                .until(
                        () -> KafkaTestClients.recordsWithKey(topics.cancelled().name(), requestId),
                        records -> !records.isEmpty());
        assertThat(announced).hasSize(1);
        AiCancelled cancelled = (AiCancelled) announced.get(0).value();
        assertThat(List.of(cancelled.getRequestId(), cancelled.getUserId()))
                .containsExactly(requestId, userIdOf(alice));
    }

    @Test
    void givenACancelledRequestWhenItsResultArrivesLateThenItStaysCancelled() {
        // Given
        String requestId = submit(alice, "sentiment");
        api.delete("/api/v1/ai/requests/" + requestId, alice);

        // When a worker that had already taken it publishes its result
        KafkaTestClients.publish(
                topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, userIdOf(alice)));
        String later = submit(alice, "sentiment");
        KafkaTestClients.publish(
                topics.results().name(), later, ResultEvents.sentimentCompleted(later, userIdOf(alice)));
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(statusOf(later)));

        // Then
        assertThat(statusOf(requestId)).isEqualTo("CANCELLED");
    }

    @Test
    void givenAFinalRequestWhenCancelledThenItIs409NotCancellable() {
        // Given a completed request and a cancelled one
        String completed = submit(alice, "sentiment");
        KafkaTestClients.publish(
                topics.results().name(), completed, ResultEvents.sentimentCompleted(completed, userIdOf(alice)));
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(statusOf(completed)));
        String cancelled = submit(alice, "sentiment");
        api.delete("/api/v1/ai/requests/" + cancelled, alice);

        // When
        Reply onCompleted = api.delete("/api/v1/ai/requests/" + completed, alice);
        Reply again = api.delete("/api/v1/ai/requests/" + cancelled, alice);

        // Then
        assertThat(onCompleted.status()).isEqualTo(409);
        assertThat(onCompleted.body()).isEqualTo(api.json("""
                {"instance": "/api/v1/ai/requests/%s", "title": "Conflict", "status": 409,
                 "detail": "Request %s is COMPLETED; only a QUEUED or SCHEDULED request can be cancelled",
                 "code": "not_cancellable", "requestStatus": "COMPLETED"}""".formatted(completed, completed)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asString()).isEqualTo("not_cancellable");
    }

    @Test
    void givenAQueuedRequestWhenAWorkerStartsItThenItIsProcessingAndCanNoLongerBeCancelled() {
        // Given
        String requestId = submit(alice, "sentiment");

        // When
        KafkaTestClients.publish(topics.started().name(), requestId, started(requestId));

        // Then
        await().atMost(PATIENCE).until(() -> "PROCESSING".equals(statusOf(requestId)));
        Reply cancel = api.delete("/api/v1/ai/requests/" + requestId, alice);
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.body().get("requestStatus").asString()).isEqualTo("PROCESSING");
    }

    @Test
    void givenACompletedRequestWhenItsStartedEventArrivesLateThenItStaysCompleted() {
        // Given
        String requestId = submit(alice, "sentiment");
        KafkaTestClients.publish(
                topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, userIdOf(alice)));
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(statusOf(requestId)));

        // When the started event, on its own topic, comes after the outcome
        KafkaTestClients.publish(topics.started().name(), requestId, started(requestId));
        String marker = submit(alice, "sentiment");
        KafkaTestClients.publish(topics.started().name(), marker, started(marker));
        await().atMost(PATIENCE).until(() -> "PROCESSING".equals(statusOf(marker)));

        // Then
        assertThat(statusOf(requestId)).isEqualTo("COMPLETED");
    }

    @Test
    void givenAnotherUsersRequestWhenListedFollowedOrCancelledThenItIsAsAbsentAsAnUnknownOne() {
        // Given
        String alices = submit(alice, "sentiment");

        // When
        Reply get = api.get("/api/v1/ai/requests/" + alices, bob);
        Reply cancel = api.delete("/api/v1/ai/requests/" + alices, bob);
        Reply events = api.get("/api/v1/ai/requests/" + alices + "/events", bob);
        List<String> listed = ids(api.get("/api/v1/ai/requests", bob));

        // Then
        assertThat(get.status()).isEqualTo(404);
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(cancel.body().get("code").asString()).isEqualTo("not_found");
        assertThat(events.status()).isEqualTo(404);
        assertThat(listed).doesNotContain(alices);
        assertThat(statusOf(alices)).isEqualTo("QUEUED");
    }

    @Test
    void givenNoKeyOrTheAdminKeyWhenListingOrCancellingThenItIs401Or403() {
        // Given
        String alices = submit(alice, "sentiment");

        // When
        Reply anonymousList = api.get("/api/v1/ai/requests", null);
        Reply anonymousCancel = api.delete("/api/v1/ai/requests/" + alices, null);
        Reply adminList = api.get("/api/v1/ai/requests", GatewayIntegrationTest.ADMIN_KEY);
        Reply adminCancel = api.delete("/api/v1/ai/requests/" + alices, GatewayIntegrationTest.ADMIN_KEY);

        // Then
        assertThat(List.of(anonymousList.status(), anonymousCancel.status(), adminList.status(), adminCancel.status()))
                .containsExactly(401, 401, 403, 403);
        assertThat(anonymousCancel.body().get("code").asString()).isEqualTo("unauthorized");
        assertThat(adminCancel.body().get("code").asString()).isEqualTo("forbidden");
        assertThat(statusOf(alices)).isEqualTo("QUEUED");
    }

    private String newUser(String name) {
        Reply created = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "%s", "tier": "starter"}""".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        String apiKey = created.body().get("apiKey").asString();
        userIds.put(apiKey, created.body().get("userId").asString());
        return apiKey;
    }

    private AiStarted started(String requestId) {
        return AiStarted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setRequestId(requestId)
                .setUserId(userIdOf(alice))
                .build();
    }

    private String userIdOf(String apiKey) {
        return userIds.get(apiKey);
    }

    private String submit(String apiKey, String type) {
        String body = type.equals("sentiment")
                ? "{\"text\": \"Where is my order?\"}"
                : "{\"content\": \"Buy now\", \"platform\": \"twitter\", \"optimizationType\": \"reach\"}";
        Reply reply = api.post("/api/v1/ai/" + type, apiKey, body);
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("requestId").asString();
    }

    private String item(Reply list, int index, String requestId, String type) {
        JsonNode item = list.body().get("requests").get(index);
        // starter (40) + sentiment (10) = 50 is the normal lane, + optimisation (5) = 45 the low one
        String lane = type.equals("sentiment") ? "normal" : "low";
        return """
                {"requestId": "%s", "type": "%s", "status": "QUEUED", "lane": "%s", "createdAt": "%s",
                 "statusUrl": "/api/v1/ai/requests/%s"}""".formatted(requestId, type, lane, item.get("createdAt").asString(), requestId);
    }

    private static List<String> ids(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.body()
                .get("requests")
                .forEach(item -> ids.add(item.get("requestId").asString()));
        return ids;
    }

    private String statusOf(String requestId) {
        return jdbc.sql("SELECT status FROM ai_requests WHERE id = :id")
                .param("id", UUID.fromString(requestId))
                .query(String.class)
                .single();
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
