package com.clientnest.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A content-suggestions request asks for several variants, each one content generation: its reservation holds all of
 * them in the one conditional UPDATE, and its usage counts all of them once, however many calls it took.
 */
@CostIntegrationTest
class ContentSuggestionsQuotaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    com.clientnest.schemas.topics.Topics topics;

    private UsagePublisher publisher;

    @BeforeEach
    void open() {
        publisher = new UsagePublisher(topics.usage());
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void reservesEveryVariantAtOnceRefusesWhatWouldPassTheLimitAndReleasesThemAllTogether() throws Exception {
        // Given a free user (10 content generations a month) with a request of 4 variants admitted
        String userId = UsageEvents.newUserId();
        call("PUT", "/internal/v1/accounts/" + userId, "{\"tier\": \"free\"}");
        HttpResponse<String> four = reserve(userId, UUID.randomUUID().toString(), 4);

        // When a request of 7 variants, one of 0 and one of 6 variants arrive, then the 6 are released
        HttpResponse<String> seven = reserve(userId, UUID.randomUUID().toString(), 7);
        HttpResponse<String> none = reserve(userId, UUID.randomUUID().toString(), 0);
        HttpResponse<String> six = reserve(userId, UUID.randomUUID().toString(), 6);
        List<Long> heldWhenFull = held(userId);
        call(
                "DELETE",
                "/internal/v1/reservations/" + body(six).get("reservationId").asString(),
                "");

        // Then 4 and 6 fit the 10 exactly, 7 did not, and 0 is no request at all
        assertThat(four.statusCode()).isEqualTo(201);
        assertThat(body(four).get("requests").asInt()).isEqualTo(4);
        assertThat(seven.statusCode()).isEqualTo(429);
        JsonNode refusal = body(seven);
        assertThat(Map.of(
                        "code", refusal.get("code").asString(),
                        "metric", refusal.get("metric").asString(),
                        "limit", refusal.get("limit").decimalValue(),
                        "used", refusal.get("used").decimalValue(),
                        "reserved", refusal.get("reserved").decimalValue(),
                        "requested", refusal.get("requested").decimalValue()))
                .isEqualTo(Map.of(
                        "code",
                        "quota_exceeded",
                        "metric",
                        "content_generation",
                        "limit",
                        new BigDecimal("10"),
                        "used",
                        BigDecimal.ZERO,
                        "reserved",
                        new BigDecimal("4"),
                        "requested",
                        new BigDecimal("7")));
        assertThat(refusal.get("detail").asString())
                .isEqualTo("The monthly content_generation quota of 10 has 6 left, fewer than the 7 asked for:"
                        + " 0 used and 4 held by requests in progress");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(six.statusCode()).isEqualTo(201);
        assertThat(heldWhenFull).isEqualTo(List.of(10L, 10 * 300L));
        assertThat(held(userId)).isEqualTo(List.of(4L, 4 * 300L));
    }

    @Test
    void settlesAllVariantsOnceFromTheFirstOfTheRequestsCallsAndWarnsAtEightyPercentOfThem() throws Exception {
        // Given a free user (10 content generations a month) with a request of 8 variants admitted
        String userId = UsageEvents.newUserId();
        call("PUT", "/internal/v1/accounts/" + userId, "{\"tier\": \"free\"}");
        String requestId = UUID.randomUUID().toString();
        String reservationId =
                body(reserve(userId, requestId, 8)).get("reservationId").asString();

        // When its 8 calls are billed, one usage event each, and the first is delivered twice
        List<UsageRecorded> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(UsageEvents.contentGeneration(userId)
                    .setOccurredAt(Instant.now())
                    .setRequestId(requestId)
                    .setTier(Tier.FREE)
                    .setUsage(new TokenUsage(120, 30, 150, 100, 20))
                    .setReservationId(reservationId)
                    .setRequestCount(8)
                    .build());
        }
        for (UsageRecorded call : calls) {
            publisher.publish(call);
        }
        publisher.publish(calls.get(0));

        // Then the ledger counts 8 content generations and the 8 calls' tokens, and holds nothing any more
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(ledger(userId)).isEqualTo(List.of(8L, 8 * 150L, 0L, 0L)));
        assertThat(jdbc.sql("SELECT status FROM reservations WHERE id = CAST(:id AS uuid)")
                        .param("id", reservationId)
                        .query(String.class)
                        .single())
                .isEqualTo("SETTLED");
        assertThat(jdbc.sql("SELECT request_count FROM usage_records WHERE request_id = :request")
                        .param("request", requestId)
                        .query(Integer.class)
                        .list())
                .containsExactly(8, 8, 8, 8, 8, 8, 8, 8);
        // and the 8 of 10 passed the 80 % threshold of content generation, with the 8 counted
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                        SELECT metric, threshold, used, quota_limit FROM quota_warnings
                                        WHERE user_id = :user""")
                                .param("user", userId)
                                .query((rs, row) -> List.of(
                                        rs.getString(1),
                                        rs.getBigDecimal(2).toPlainString(),
                                        rs.getBigDecimal(3).stripTrailingZeros().toPlainString(),
                                        rs.getBigDecimal(4).stripTrailingZeros().toPlainString()))
                                .list())
                        .containsExactly(List.of("content_generation", "0.80", "8", "10")));
    }

    private HttpResponse<String> reserve(String userId, String requestId, int variants) throws Exception {
        return call("POST", "/internal/v1/reservations", """
                {"userId": "%s", "requestId": "%s", "type": "CONTENT_GENERATION",
                 "promptTokens": %d, "completionTokens": %d, "requests": %d}""".formatted(
                        userId, requestId, variants * 100, variants * 200, variants));
    }

    /** Reserved content generations and tokens. */
    private List<Long> held(String userId) {
        return jdbc.sql("""
                        SELECT reserved_content_generation, reserved_tokens FROM usage_ledger
                        WHERE user_id = :user""")
                .param("user", userId)
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /** Settled content generations and tokens, then reserved ones. */
    private List<Long> ledger(String userId) {
        return jdbc.sql("""
                        SELECT content_generation, total_tokens, reserved_content_generation, reserved_tokens
                        FROM usage_ledger WHERE user_id = :user""")
                .param("user", userId)
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return new InternalApi(port).call(method, path, body);
    }
}
