package com.clientnest.cost.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.cost.CostIntegrationTest;
import com.clientnest.cost.InternalApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reservations nothing settled or released are given back by the sweeper, once, and only when old enough. */
@CostIntegrationTest
class ReservationSweepIT {

    @LocalServerPort
    int port;

    @Autowired
    ReservationReleases releases;

    @Autowired
    JdbcClient jdbc;

    @Test
    void expiresAReservationHeldLongerThanTheMaximumAgeAndGivesItsHoldBackOnce() throws Exception {
        // Given a starter user with one admitted optimisation whose usage never comes
        String userId = "sweep-" + UUID.randomUUID();
        call("PUT", "/internal/v1/accounts/" + userId, "{\"tier\": \"starter\"}", 200);
        call("POST", "/internal/v1/reservations", """
                {"userId": "%s", "requestId": "%s", "type": "CONTENT_OPTIMIZATION",
                 "promptTokens": 420, "completionTokens": 500}""".formatted(userId, UUID.randomUUID()), 201);

        // When the sweeper runs with a maximum age the reservation has not reached, then twice with one it has
        releases.expireOlderThan(Duration.ofHours(1), 10);
        List<Long> heldBefore = held(userId);
        Thread.sleep(50);
        releases.expireOlderThan(Duration.ofMillis(1), 10);
        releases.expireOlderThan(Duration.ofMillis(1), 10);

        // Then only the second sweep expired it, and its request and tokens are no longer held
        assertThat(heldBefore).isEqualTo(List.of(1L, 920L));
        assertThat(held(userId)).isEqualTo(List.of(0L, 0L));
        assertThat(jdbc.sql("SELECT status FROM reservations WHERE user_id = :user")
                        .param("user", userId)
                        .query(String.class)
                        .single())
                .isEqualTo("EXPIRED");
    }

    private List<Long> held(String userId) {
        return jdbc.sql("""
                        SELECT reserved_content_optimization, reserved_tokens FROM usage_ledger
                        WHERE user_id = :user""")
                .param("user", userId)
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    private void call(String method, String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = new InternalApi(port).call(method, path, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    }
}
