package com.clientnest.cost.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.cost.CostIntegrationTest;
import com.clientnest.cost.InternalApi;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request asked for again gets the reservation it has, holding its quota once, even when its user is at the limit
 * by then; a replayed request holds quota afresh under its first reservation's id, refused like a new one.
 */
@CostIntegrationTest
class ReservationRetryIT {

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRequestAskedForAgainAtItsUsersLimitGetsItsReservationBackAndHoldsOnce() throws Exception {
        // Given a free user (5 optimisations a month) whose fifth request is admitted
        String userId = "retry-" + UUID.randomUUID();
        call("PUT", "/internal/v1/accounts/" + userId, "{\"tier\": \"free\"}");
        for (int i = 0; i < 4; i++) {
            reserve(userId, UUID.randomUUID().toString(), false);
        }
        String fifth = UUID.randomUUID().toString();
        String admitted =
                reserve(userId, fifth, false).body().path("reservationId").asString();

        // When the gateway asks for the fifth again (its answer timed out), and then for a sixth
        Answer again = reserve(userId, fifth, false);
        Answer sixth = reserve(userId, UUID.randomUUID().toString(), false);

        // Then the fifth gets its reservation, the sixth is refused, and five are held
        assertThat(List.of(again.status(), again.body().path("reservationId").asString()))
                .isEqualTo(List.of(201, admitted));
        assertThat(List.of(sixth.status(), sixth.body().path("code").asString()))
                .isEqualTo(List.of(429, "quota_exceeded"));
        assertThat(heldOptimisations(userId)).isEqualTo(5L);
    }

    @Test
    void aReplayedRequestHoldsQuotaAgainUnderItsFirstReservationAndIsRefusedWhenNoneIsLeft() throws Exception {
        // Given a free user whose first request was admitted and then released (it was dead-lettered)
        String userId = "replay-" + UUID.randomUUID();
        call("PUT", "/internal/v1/accounts/" + userId, "{\"tier\": \"free\"}");
        String first = UUID.randomUUID().toString();
        String reservationId =
                reserve(userId, first, false).body().path("reservationId").asString();
        call("DELETE", "/internal/v1/reservations/" + reservationId, "");

        // When ops replay it twice (the second finds it held), then fill the month and replay it once more
        Answer replayed = reserve(userId, first, true);
        Answer replayedAgain = reserve(userId, first, true);
        long heldAfterReplays = heldOptimisations(userId);
        call("DELETE", "/internal/v1/reservations/" + reservationId, "");
        for (int i = 0; i < 5; i++) {
            reserve(userId, UUID.randomUUID().toString(), false);
        }
        Answer refused = reserve(userId, first, true);

        // Then both replays hold one request under the first id, and the last is refused
        assertThat(List.of(
                        replayed.body().path("reservationId").asString(),
                        replayedAgain.body().path("reservationId").asString()))
                .isEqualTo(List.of(reservationId, reservationId));
        assertThat(heldAfterReplays).isEqualTo(1L);
        assertThat(List.of(refused.status(), refused.body().path("code").asString()))
                .isEqualTo(List.of(429, "quota_exceeded"));
        assertThat(heldOptimisations(userId)).isEqualTo(5L);
    }

    private Answer reserve(String userId, String requestId, boolean replay) throws Exception {
        return call("POST", "/internal/v1/reservations", """
                {"userId": "%s", "requestId": "%s", "type": "CONTENT_OPTIMIZATION",
                 "promptTokens": 100, "completionTokens": 100, "replay": %s}""".formatted(userId, requestId, replay));
    }

    private long heldOptimisations(String userId) {
        return jdbc.sql("SELECT reserved_content_optimization FROM usage_ledger WHERE user_id = :user")
                .param("user", userId)
                .query(Long.class)
                .single();
    }

    private Answer call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = new InternalApi(port).call(method, path, body);
        JsonNode node = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), node);
    }

    private record Answer(int status, JsonNode body) {}
}
