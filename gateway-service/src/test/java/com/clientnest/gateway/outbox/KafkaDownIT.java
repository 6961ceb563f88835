package com.clientnest.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.SecondGateway;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A gateway whose broker address leads nowhere still accepts requests: the outbox holds them. */
class KafkaDownIT {

    @Test
    void givenKafkaOutOfReachWhenARequestIsSubmittedThenItIsStill202AndItsEventWaitsInTheOutbox() throws Exception {
        // Given a gateway that cannot reach any broker
        try (SecondGateway gateway = SecondGateway.start(
                Map.of("spring.kafka.bootstrap-servers", "localhost:" + closedPort()),
                "--clientnest.gateway.dev-user.api-key=" + GatewayIntegrationTest.DEV_USER_KEY,
                "--spring.kafka.admin.auto-create=false",
                "--spring.kafka.producer.properties.max.block.ms=1000",
                "--clientnest.gateway.outbox.send-timeout=1s")) {
            ApiClient api = new ApiClient(gateway.port());

            // When
            long started = System.nanoTime();
            Reply reply = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, """
                    {"text": "Kafka is away"}""");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // Then the request is accepted at once and stored with its event in the outbox
            assertThat(reply.status()).isEqualTo(202);
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            String requestId = reply.body().get("requestId").asString();
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(
                    SharedTestInfrastructure.get().jdbcUrl(),
                    SharedTestInfrastructure.get().databaseUsername(),
                    SharedTestInfrastructure.get().databasePassword()));
            assertThat(jdbc.sql("""
                            SELECT r.status FROM gateway.ai_requests r
                            JOIN gateway.outbox o ON o.record_key = r.id::text
                            WHERE r.id = :id""")
                            .param("id", UUID.fromString(requestId))
                            .query(String.class)
                            .list())
                    .containsExactly("QUEUED");

            // (OutboxIT shows a sweep publishes such a pending row once a broker is reachable)
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
