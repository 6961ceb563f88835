package com.clientnest.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.SecondGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Without an answer from the cost service nothing is admitted, and the client learns so within a second. */
@GatewayIntegrationTest
class CostServiceDownIT {

    private static final String SENTIMENT = """
            {"text": "Where is my parcel?", "context": "support ticket"}""";

    // The limits gateway.yml ships with (the shared test context relaxes them for load on two cores).
    private static final String SHIPPED_TIMEOUT = "--clientnest.gateway.quota.timeout=600ms";
    private static final String SHIPPED_CONNECT_TIMEOUT = "--clientnest.gateway.quota.connect-timeout=250ms";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void answers503WithinASecondWhenTheCostServiceAcceptsConnectionsButNeverAnswers() throws Exception {
        // Given a cost service that hangs: it accepts connections and never says a word
        ServerSocket silent = new ServerSocket(0);
        opened.add(silent);
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (!silent.isClosed()) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        String[] user = createUser();
        SecondGateway gateway = SecondGateway.start(
                "--clientnest.gateway.quota.cost-service-url=http://localhost:" + silent.getLocalPort(),
                SHIPPED_TIMEOUT,
                SHIPPED_CONNECT_TIMEOUT);
        opened.add(gateway);

        // When the user submits through that gateway
        Reply reply = timed(() -> new ApiClient(gateway.port()).post("/api/v1/ai/sentiment", user[1], SENTIMENT));

        // Then
        assertUnavailable(reply, user[0]);
    }

    @Test
    void answers503WithinASecondWhenNothingListensWhereTheCostServiceShouldBe() throws Exception {
        // Given a cost service that is not there at all
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String[] user = createUser();
        SecondGateway gateway = SecondGateway.start(
                "--clientnest.gateway.quota.cost-service-url=http://localhost:" + closedPort,
                SHIPPED_TIMEOUT,
                SHIPPED_CONNECT_TIMEOUT);
        opened.add(gateway);

        // When
        Reply reply = timed(() -> new ApiClient(gateway.port()).post("/api/v1/ai/sentiment", user[1], SENTIMENT));

        // Then
        assertUnavailable(reply, user[0]);
    }

    private void assertUnavailable(Reply reply, String userId) {
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).isEqualTo(new ApiClient(port).json("""
                {"title": "Service Unavailable", "status": 503,
                 "detail": "Quotas cannot be checked right now, so nothing is accepted; please retry shortly",
                 "instance": "/api/v1/ai/sentiment", "code": "unavailable"}"""));
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(jdbc.sql("SELECT count(*) FROM ai_requests WHERE user_id = :user")
                        .param("user", userId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private String[] createUser() {
        Reply created = new ApiClient(port).post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                        {"name": "Patient user", "tier": "business"}""");
        assertThat(created.status()).isEqualTo(201);
        return new String[] {
            created.body().get("userId").asString(),
            created.body().get("apiKey").asString()
        };
    }

    /** The reply, after asserting it came within one second. */
    private static Reply timed(Supplier<Reply> call) {
        long start = System.nanoTime();
        Reply reply = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        return reply;
    }
}
