package com.clientnest.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class QueueIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LaneStatistics statistics;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    @Test
    void givenQueuedInFlightAndRecentlyFinishedRequestsWhenAskedThenEachLaneShowsItsMeasuredFigures() throws Exception {
        // Given the lanes as other tests left them, then on the high lane one request queued for a minute, two in
        // flight and 30 finished in the last five minutes (6 a minute)
        Thread.sleep(1100); // the statistics are cached for a second
        JsonNode before = lane(api.get("/api/v1/queue", GatewayIntegrationTest.DEV_USER_KEY), "high");
        Instant now = Instant.now();
        insert("QUEUED", now.minusSeconds(60), null);
        insert("PROCESSING", now.minusSeconds(5), null);
        insert("PROCESSING", now.minusSeconds(5), null);
        for (int i = 0; i < 30; i++) {
            insert("COMPLETED", now.minusSeconds(200), now.minusSeconds(100));
        }
        Thread.sleep(1100); // the statistics are cached for a second

        // When
        Reply reply = api.get("/api/v1/queue", GatewayIntegrationTest.DEV_USER_KEY);

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("windowSeconds").asLong()).isEqualTo(300);
        assertThat(reply.body().get("lanes"))
                .extracting(lane -> lane.get("lane").asString())
                .containsExactly("high", "normal", "low");
        JsonNode high = lane(reply, "high");
        long backlog = before.get("backlog").asLong() + 1;
        double perMinute = before.get("completionsPerMinute").asDouble() + 6.0;
        assertThat(high.get("backlog").asLong()).isEqualTo(backlog);
        assertThat(high.get("oldestAgeSeconds").asLong()).isGreaterThanOrEqualTo(60);
        assertThat(high.get("inFlight").asLong())
                .isEqualTo(before.get("inFlight").asLong() + 2);
        assertThat(high.get("completionsPerMinute").asDouble()).isEqualTo(perMinute);
        assertThat(high.get("estimatedWaitSeconds").asInt()).isEqualTo((int) Math.ceil(backlog * 60.0 / perMinute) + 3);
    }

    @Test
    void givenTheStatisticsWereReadLessThanASecondAgoWhenAskedAgainThenTheSameSnapshotAnswers() {
        // Given
        LaneStatistics.Snapshot first = statistics.current();

        // When
        LaneStatistics.Snapshot second = statistics.current();

        // Then no second read of the database happened
        assertThat(second).isSameAs(first);
    }

    @Test
    void givenNoKeyOrTheAdminKeyWhenAskedThenItIs401Or403() {
        // When
        Reply anonymous = api.get("/api/v1/queue", null);
        Reply admin = api.get("/api/v1/queue", GatewayIntegrationTest.ADMIN_KEY);

        // Then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.body().get("code").asString()).isEqualTo("forbidden");
    }

    private void insert(String status, Instant createdAt, Instant completedAt) {
        jdbc.sql("""
                        INSERT INTO ai_requests (id, user_id, type, status, lane, priority_score, input,
                            estimated_wait_seconds, created_at, updated_at, completed_at)
                        VALUES (:id, 'dev', 'sentiment', :status, 'high', 120, '{}'::jsonb, 1, :createdAt, :createdAt,
                            :completedAt)
                        """)
                .param("id", UUID.randomUUID())
                .param("status", status)
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .param(
                        "completedAt",
                        completedAt == null ? null : OffsetDateTime.ofInstant(completedAt, ZoneOffset.UTC))
                .update();
    }

    private static JsonNode lane(Reply reply, String name) {
        for (JsonNode lane : reply.body().get("lanes")) {
            if (lane.get("lane").asString().equals(name)) {
                return lane;
            }
        }
        throw new AssertionError("No lane " + name + " in " + reply.text());
    }
}
