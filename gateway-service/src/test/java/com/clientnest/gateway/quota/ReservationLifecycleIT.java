package com.clientnest.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reservation travels with its request and ends exactly once: settled by the request's usage, or given back
 * when the request fails or is dead-lettered, however often those events are delivered.
 */
@GatewayIntegrationTest
class ReservationLifecycleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SENTIMENT = """
            {"text": "The update broke my login", "context": "support ticket"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Topics topics;

    private ApiClient api;
    private String userId;
    private String apiKey;

    @BeforeEach
    void createUser() {
        api = new ApiClient(port);
        Reply created = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "Lifecycle", "tier": "professional"}""");
        userId = created.body().get("userId").asString();
        apiKey = created.body().get("apiKey").asString();
    }

    @Test
    void theReservationIdTravelsOnTheQueuedEvent() {
        // When
        String requestId = submit();

        // Then the lane's event names the reservation the cost service holds for this request
        UUID reservationId = reservationOf(requestId);
        AiRequested queued = await().atMost(PATIENCE)
                                .until(
                                        () -> KafkaTestClients.recordsWithKey(
                                                topics.lanes().get(1).name(), requestId),
                                        records -> !records.isEmpty())
                                .get(0)
                                .value()
                        instanceof AiRequested event
                ? event
                : null;
        assertThat(queued).isNotNull();
        assertThat(queued.getReservationId()).isEqualTo(reservationId.toString());
        assertThat(status(reservationId)).isEqualTo("RESERVED");
    }

    @Test
    void usageSettlesTheReservationSoTheRealTokensReplaceTheEstimateEvenWhenRedelivered() {
        // Given an accepted request holding its estimate
        String requestId = submit();
        UUID reservationId = reservationOf(requestId);

        // When its usage arrives, twice
        UsageRecorded usage = usage(requestId, reservationId);
        KafkaTestClients.publish(topics.usage().name(), userId, usage);
        KafkaTestClients.publish(topics.usage().name(), userId, usage);

        // Then the reservation is settled, nothing is held, and the real usage is counted once
        await().atMost(PATIENCE).until(() -> "SETTLED".equals(status(reservationId)));
        assertThat(ledger()).isEqualTo(List.of(1L, 0L, 120L, 0L));
        assertThat(heldCost()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aFailedRequestGivesItsReservationBackOnceWhileAnotherStaysHeld() {
        // Given two accepted requests
        String failing = submit();
        String waiting = submit();

        // When the first fails, and its failure is delivered twice
        KafkaTestClients.publish(topics.results().name(), failing, ResultEvents.failed(failing, userId, false));
        KafkaTestClients.publish(topics.results().name(), failing, ResultEvents.failed(failing, userId, false));

        // Then its reservation is released, and the other request still holds one request and its tokens
        await().atMost(PATIENCE).until(() -> "RELEASED".equals(status(reservationOf(failing))));
        assertThat(status(reservationOf(waiting))).isEqualTo("RESERVED");
        assertThat(ledger().subList(0, 2)).isEqualTo(List.of(0L, 1L));
    }

    @Test
    void aDeadLetteredRequestGivesItsReservationBackEvenWhenItsRecordCannotBeRead() {
        // Given an accepted request
        String requestId = submit();

        // When its record reaches the dead-letter topic, unreadable
        KafkaTestClients.publishRaw(
                topics.deadLetters().name(), requestId, "not avro".getBytes(StandardCharsets.UTF_8));

        // Then
        await().atMost(PATIENCE).until(() -> "RELEASED".equals(status(reservationOf(requestId))));
        assertThat(ledger()).isEqualTo(List.of(0L, 0L, 0L, 0L));
    }

    private String submit() {
        Reply reply = api.post("/api/v1/ai/sentiment", apiKey, SENTIMENT);
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("requestId").asString();
    }

    private UUID reservationOf(String requestId) {
        return jdbc.sql("SELECT reservation_id FROM ai_requests WHERE id = :id")
                .param("id", UUID.fromString(requestId))
                .query(UUID.class)
                .single();
    }

    private String status(UUID reservationId) {
        return jdbc.sql("SELECT status FROM cost.reservations WHERE id = :id")
                .param("id", reservationId)
                .query(String.class)
                .single();
    }

    /** Settled and held sentiment analyses, then settled and held tokens, of the user's month. */
    private List<Long> ledger() {
        return jdbc.sql("""
                        SELECT sentiment_analysis, reserved_sentiment_analysis, total_tokens, reserved_tokens
                        FROM cost.usage_ledger WHERE user_id = :user""")
                .param("user", userId)
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    private BigDecimal heldCost() {
        return jdbc.sql("SELECT reserved_cost_usd FROM cost.usage_ledger WHERE user_id = :user")
                .param("user", userId)
                .query(BigDecimal.class)
                .single();
    }

    private UsageRecorded usage(String requestId, UUID reservationId) {
        return UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setRequestId(requestId)
                .setUserId(userId)
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setModel("deepseek-flash")
                .setUsage(new TokenUsage(100, 20, 120, 0, 100))
                .setLatencyMs(700)
                .setCacheHit(false)
                .setReservationId(reservationId.toString())
                .build();
    }
}
