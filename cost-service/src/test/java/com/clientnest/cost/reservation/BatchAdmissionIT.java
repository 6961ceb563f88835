package com.clientnest.cost.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.cost.CostIntegrationTest;
import com.clientnest.cost.InternalApi;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch of admissions is answered, admission by admission, as each would have been answered alone, and holds
 * quota exactly as they would have: concurrent batches over the same users in any order neither overshoot nor
 * wait on each other forever.
 */
@CostIntegrationTest
class BatchAdmissionIT {

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachAdmissionOfABatchGetsTheAnswerItWouldHaveGotAlone() throws Exception {
        // Given a free user (5 optimisations a month) with 3 held, one of them for request "earlier"
        String userId = register("free");
        String earlier = UUID.randomUUID().toString();
        String earlierReservation =
                reserveAlone(userId, earlier).path("reservationId").asString();
        reserveAlone(userId, UUID.randomUUID().toString());
        reserveAlone(userId, UUID.randomUUID().toString());
        String stranger = "unregistered-" + UUID.randomUUID();

        // When one batch asks for three new requests, for "earlier" again (its answer timed out), and for a user
        // never registered
        JsonNode answers = batch(List.of(
                        item(userId, UUID.randomUUID().toString()),
                        item(userId, UUID.randomUUID().toString()),
                        item(userId, UUID.randomUUID().toString()),
                        item(userId, earlier),
                        item(stranger, UUID.randomUUID().toString())))
                .path("answers");

        // Then the two that fit are admitted, the third is refused as over quota with Retry-After, "earlier" gets its
        // reservation back, the stranger is unknown, and the month holds the five allowed
        assertThat(summary(answers, earlierReservation))
                .isEqualTo(List.of(
                        "201 reserved",
                        "201 reserved",
                        "429 quota_exceeded retry-after",
                        "201 " + earlierReservation,
                        "404 unknown_account"));
        assertThat(answers.get(2).path("body").path("metric").asString()).isEqualTo("content_optimization");
        assertThat(heldOptimisations(userId)).isEqualTo(5L);
    }

    @Test
    void aBatchWithARequestThatAlreadyHasRoomAndAReservationHoldsItOnce() throws Exception {
        // Given a starter user (50 optimisations) whose request "earlier" holds one
        String userId = register("starter");
        String earlier = UUID.randomUUID().toString();
        String earlierReservation =
                reserveAlone(userId, earlier).path("reservationId").asString();

        // When a batch asks for a new request and for "earlier" again, with room for both
        JsonNode answers = batch(List.of(item(userId, UUID.randomUUID().toString()), item(userId, earlier)))
                .path("answers");

        // Then both are answered 201, "earlier" with its own reservation, and two are held, not three
        assertThat(summary(answers, earlierReservation))
                .isEqualTo(List.of("201 reserved", "201 " + earlierReservation));
        assertThat(heldOptimisations(userId)).isEqualTo(2L);
    }

    @Test
    void concurrentBatchesOverTheSameUsersInAnyOrderAdmitExactlyEachUsersQuota() throws Exception {
        // Given five starter users with 50 optimisations each
        List<String> users =
                IntStream.range(0, 5).mapToObj(i -> register("starter")).toList();

        // When 20 batches of 25 admissions (100 per user, in a different order in each batch) arrive at once
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        Random random = new Random(7);
        for (int b = 0; b < 20; b++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                items.add(item(users.get(i % users.size()), UUID.randomUUID().toString()));
            }
            Collections.shuffle(items, random);
            batches.add(items);
        }
        List<String> statuses = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(batches.size())) {
            List<Future<JsonNode>> sent = new ArrayList<>();
            for (List<Map<String, Object>> items : batches) {
                sent.add(senders.submit(() -> batch(items)));
            }
            for (Future<JsonNode> answer : sent) {
                answer.get()
                        .path("answers")
                        .forEach(each -> statuses.add(each.path("status").asString()));
            }
        }

        // Then each user has exactly 50 admitted and held, and the rest are refused
        assertThat(statuses.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting())))
                .isEqualTo(Map.of("201", 250L, "429", 250L));
        assertThat(users.stream().map(this::heldOptimisations).toList()).isEqualTo(List.of(50L, 50L, 50L, 50L, 50L));
    }

    private String register(String tier) {
        String userId = "batch-" + UUID.randomUUID();
        try {
            call("PUT", "/internal/v1/accounts/" + userId, "{\"tier\": \"" + tier + "\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return userId;
    }

    private static Map<String, Object> item(String userId, String requestId) {
        return Map.of(
                "request",
                Map.of(
                        "userId",
                        userId,
                        "requestId",
                        requestId,
                        "type",
                        "CONTENT_OPTIMIZATION",
                        "promptTokens",
                        100,
                        "completionTokens",
                        100));
    }

    private JsonNode reserveAlone(String userId, String requestId) throws Exception {
        return call(
                "POST",
                "/internal/v1/reservations",
                json.writeValueAsString(item(userId, requestId).get("request")));
    }

    private JsonNode batch(List<Map<String, Object>> items) throws Exception {
        return call("POST", "/internal/v1/reservations/batch", json.writeValueAsString(Map.of("admissions", items)));
    }

    /**
     * Status and what matters of each answer: the reservation (the id if it is one of the earlier ones, else
     * "reserved"), or the problem code.
     */
    private static List<String> summary(JsonNode answers, String... earlier) {
        List<String> lines = new ArrayList<>();
        for (JsonNode answer : answers) {
            JsonNode body = answer.path("body");
            String id = body.path("reservationId").asString("");
            String what = body.has("reservationId")
                    ? (List.of(earlier).contains(id) ? id : "reserved")
                    : body.path("code").asString() + (answer.path("retryAfter").isNull() ? "" : " retry-after");
            lines.add(answer.path("status").asInt() + " " + what);
        }
        return lines;
    }

    private long heldOptimisations(String userId) {
        return jdbc.sql("SELECT reserved_content_optimization FROM usage_ledger WHERE user_id = :user")
                .param("user", userId)
                .query(Long.class)
                .single();
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = new InternalApi(port).call(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }
}
