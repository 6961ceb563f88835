package com.clientnest.gateway.deferral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Deferrable requests wait for DeepSeek's off-peak window (16:30–00:30 UTC) on a gateway whose clock the test moves:
 * SCHEDULED with {@code notBefore} outside it, released to the low lane when it opens, at once inside it.
 */
@GatewayIntegrationTest
@Import(DeferralIT.ClockConfiguration.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeferralIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    Topics topics;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScheduledRequests scheduled;

    @Autowired
    MovableClock clock;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    @Test
    @Order(1)
    void givenADeferrableRequestAtPeakThenItIsScheduledForTheWindowAndGoesOnTheLowLaneWhenItOpens() {
        // Given a business user's urgent but deferrable request at 10:00 UTC, peak time
        clock.set(Instant.parse("2027-01-12T10:00:00Z"));
        String user = newUser();

        // When
        Reply reply = api.post("/api/v1/ai/optimization", user, """
                {"content": "Winter boots %s", "platform": "instagram", "optimizationType": "reach",
                 "urgent": true, "deferrable": true}""".formatted(UUID.randomUUID()));

        // Then it is held until 16:30 on the low lane, whatever its priority would have been
        assertThat(reply.status()).isEqualTo(202);
        String requestId = reply.body().get("requestId").asString();
        assertThat(reply.body()).isEqualTo(api.json("""
                {"requestId": "%s", "status": "SCHEDULED", "lane": "low", "statusUrl": "/api/v1/ai/requests/%s",
                 "estimatedWaitSeconds": 23400, "notBefore": "2027-01-12T16:30:00Z"}""".formatted(requestId, requestId)));
        JsonNode status = api.get("/api/v1/ai/requests/" + requestId, user).body();
        assertThat(List.of(
                        status.get("status").asString(), status.get("notBefore").asString()))
                .containsExactly("SCHEDULED", "2027-01-12T16:30:00Z");

        // And a release run before the window leaves it where it is
        clock.set(Instant.parse("2027-01-12T16:29:59Z"));
        scheduled.releaseDue();
        assertThat(statusOf(requestId)).isEqualTo("SCHEDULED");
        assertThat(onAnyLane(requestId)).isEmpty();

        // When the window opens
        clock.set(Instant.parse("2027-01-12T16:30:00Z"));
        scheduled.releaseDue();

        // Then it is QUEUED on the low lane, marked deferred so its saving is reported
        assertThat(statusOf(requestId)).isEqualTo("QUEUED");
        List<AiRequested> queued =
                await().atMost(PATIENCE).until(() -> onAnyLane(requestId), found -> !found.isEmpty());
        assertThat(queued).hasSize(1);
        assertThat(List.of(queued.get(0).getLane(), queued.get(0).getDeferred()))
                .containsExactly(Lane.LOW, true);
        assertThat(api.get("/api/v1/ai/requests/" + requestId, user).body().has("notBefore"))
                .isFalse();
    }

    @Test
    @Order(2)
    void givenADeferrableRequestInsideTheWindowThenItGoesAtOnceOnItsOwnLane() {
        // Given 23:00 UTC, inside the window
        clock.set(Instant.parse("2027-01-12T23:00:00Z"));
        String user = newUser();

        // When
        Reply reply = api.post("/api/v1/ai/sentiment", user, """
                {"text": "Lovely service %s", "deferrable": true}""".formatted(UUID.randomUUID()));

        // Then
        String requestId = reply.body().get("requestId").asString();
        assertThat(List.of(
                        reply.status(),
                        reply.body().get("status").asString(),
                        reply.body().get("lane").asString()))
                .containsExactly(202, "QUEUED", "high");
        List<AiRequested> queued =
                await().atMost(PATIENCE).until(() -> onAnyLane(requestId), found -> !found.isEmpty());
        assertThat(queued.get(0).getDeferred()).isFalse();
    }

    @Test
    @Order(3)
    void givenAScheduledRequestWhenItsOwnerCancelsItThenItNeverGoesOnALaneAndItsReservationIsReleased() {
        // Given
        clock.set(Instant.parse("2027-01-13T09:00:00Z"));
        String user = newUser();
        String requestId = api.post("/api/v1/ai/sentiment", user, """
                        {"text": "Slow delivery %s", "deferrable": true}""".formatted(UUID.randomUUID()))
                .body()
                .get("requestId")
                .asString();

        // When
        Reply cancel = api.delete("/api/v1/ai/requests/" + requestId, user);
        clock.set(Instant.parse("2027-01-13T16:30:00Z"));
        scheduled.releaseDue();

        // Then
        assertThat(cancel.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(statusOf(requestId)).isEqualTo("CANCELLED");
        assertThat(onAnyLane(requestId)).isEmpty();
        assertThat(reservationStatus(requestId)).isEqualTo("RELEASED");
    }

    @Test
    @Order(4)
    void givenContentSuggestionsAtPeakThenAFreeUsersWaitForTheWindowUnlessTheySayOtherwiseAndABusinessUsersGoAtOnce() {
        // Given peak time, a free user and a business user
        clock.set(Instant.parse("2027-01-14T09:00:00Z"));
        String free = newUser("free");
        String business = newUser("business");
        String body = """
                {"topic": "Autumn opening hours %s", "platform": "instagram", "count": 2%s}""";

        // When each asks for suggestions without saying whether they may wait, and the free user once more saying not
        Reply freeDefault = api.post("/api/v1/ai/suggestions", free, body.formatted(UUID.randomUUID(), ""));
        Reply freeNow =
                api.post("/api/v1/ai/suggestions", free, body.formatted(UUID.randomUUID(), ", \"deferrable\": false"));
        Reply businessDefault = api.post("/api/v1/ai/suggestions", business, body.formatted(UUID.randomUUID(), ""));

        // Then the free user's default waits for 16:30, and the other two go on the low lane at once
        assertThat(List.of(freeDefault, freeNow, businessDefault).stream()
                        .map(reply -> reply.status() + " "
                                + reply.body().get("status").asString() + " "
                                + reply.body().get("lane").asString() + " "
                                + reply.body().path("notBefore").asString("-"))
                        .toList())
                .containsExactly("202 SCHEDULED low 2027-01-14T16:30:00Z", "202 QUEUED low -", "202 QUEUED low -");
    }

    private List<AiRequested> onAnyLane(String requestId) {
        return topics.lanes().stream()
                .map(TopicDescriptor::name)
                .flatMap(lane -> KafkaTestClients.recordsWithKey(lane, requestId).stream())
                .map(record -> (AiRequested) record.value())
                .toList();
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

    private String newUser() {
        return newUser("business");
    }

    private String newUser(String tier) {
        Reply created = api.post(
                "/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "deferrer %s", "tier": "%s"}""".formatted(UUID.randomUUID(), tier));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("apiKey").asString();
    }

    @TestConfiguration
    static class ClockConfiguration {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    /** The gateway's clock, set by the test; only ever moved forward, as time is (the tests run in time order). */
    static class MovableClock extends Clock {

        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void set(Instant instant) {
            Instant was = now.getAndUpdate(current -> instant.isAfter(current) ? instant : current);
            assertThat(instant).as("the clock only moves forward").isAfterOrEqualTo(was);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
