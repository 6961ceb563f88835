package com.clientnest.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayApplication;
import com.clientnest.gateway.support.CostServiceInitializer;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TestInfrastructureInitializer;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.OptimizationInput;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A gateway of its own, in its own schema and on its own topics, that only sweeps hourly: so a row reaches Kafka
 * only through a wake-up or the relay's drain at shutdown, and the shared gateway of the other tests cannot
 * publish it instead.
 */
class OutboxShutdownIT {

    private static final String SCHEMA = "gateway_shutdown_it";
    private static final String TOPIC_PREFIX = "shutdown-it.";
    private static final Topics TOPICS = new Topics(TOPIC_PREFIX);
    private static final String LANE = TOPICS.lane(Lane.LOW).name();

    private final JdbcClient database = JdbcClient.create(dataSource(SharedTestInfrastructure.get()));
    private ConfigurableApplicationContext gateway;

    @BeforeEach
    void startGateway() {
        // Command-line arguments, because they override gateway.yml as default properties would not.
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(new TestInfrastructureInitializer(), new CostServiceInitializer())
                .run(
                        "--spring.config.name=" + GatewayApplication.CONFIG_NAME,
                        "--server.port=0",
                        "--spring.flyway.schemas=" + SCHEMA,
                        "--spring.flyway.default-schema=" + SCHEMA,
                        "--spring.datasource.hikari.schema=" + SCHEMA,
                        "--clientnest.kafka.topic-prefix=" + TOPIC_PREFIX,
                        "--clientnest.gateway.results.group-id=gateway-shutdown-it",
                        "--clientnest.gateway.outbox.sweep-interval=1h");
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    @Test
    void publishesARowCommittedWhileTheGatewayStopsBeforeItHasStopped() {
        // Given the start-up sweep is over: a wake-up queued behind it has published its row
        AiRequested announced = event();
        TransactionOperations transactions = gateway.getBean(TransactionOperations.class);
        transactions.executeWithoutResult(status ->
                gateway.getBean(Outbox.class).append(TOPICS.lane(Lane.LOW), announced.getRequestId(), announced));
        await().atMost(Duration.ofSeconds(60)).until(() -> published(announced.getRequestId()));
        // And a row whose wake-up is lost, as the last requests' are once the relay has begun to stop
        AiRequested last = event();
        database.sql("INSERT INTO " + SCHEMA + ".outbox (topic, record_key, payload) VALUES (:topic, :key, :payload)")
                .param("topic", LANE)
                .param("key", last.getRequestId())
                .param("payload", new AvroSingleObjectSerializer().serialize(LANE, last))
                .update();

        // When the gateway shuts down
        gateway.close();

        // Then the row was published on the way down, and its event is on its lane unchanged
        assertThat(published(last.getRequestId())).isTrue();
        assertThat(KafkaTestClients.recordsWithKey(LANE, last.getRequestId()))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).isEqualTo(last));
    }

    @Test
    void stopsTheRelayOnlyAfterTheWebServerHasFinishedItsRequestsAndStopped() {
        // Given the lifecycle beans of the running gateway that matter at shutdown
        Set<String> relevant =
                Set.of("WebServerGracefulShutdownLifecycle", "WebServerStartStopLifecycle", "OutboxRelay");

        // When they are ordered as Spring stops them: higher phases first
        List<String> stopOrder = gateway.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(lifecycle -> relevant.contains(lifecycle.getClass().getSimpleName()))
                .sorted(Comparator.comparingInt(SmartLifecycle::getPhase).reversed())
                .map(lifecycle -> lifecycle.getClass().getSimpleName())
                .toList();

        // Then the relay comes last, with a phase of its own
        assertThat(stopOrder)
                .containsExactly("WebServerGracefulShutdownLifecycle", "WebServerStartStopLifecycle", "OutboxRelay");
        assertThat(gateway.getBeansOfType(SmartLifecycle.class).values().stream()
                        .filter(lifecycle -> !(lifecycle instanceof OutboxRelay))
                        .map(SmartLifecycle::getPhase))
                .doesNotContain(OutboxRelay.PHASE);
    }

    private boolean published(String requestId) {
        return database.sql("SELECT published_at IS NOT NULL FROM " + SCHEMA + ".outbox WHERE record_key = :key")
                .param("key", requestId)
                .query(Boolean.class)
                .single();
    }

    private static AiRequested event() {
        String requestId = UUID.randomUUID().toString();
        return AiRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setRequestId(requestId)
                .setUserId("dev")
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.CONTENT_OPTIMIZATION)
                .setLane(Lane.LOW)
                .setPriorityScore(40)
                .setInput(new OptimizationInput("Buy now", "twitter", "reach"))
                .build();
    }

    // A connection of the test's own, so the rows can still be read once the gateway has closed its pool.
    private static DriverManagerDataSource dataSource(Infrastructure infrastructure) {
        return new DriverManagerDataSource(
                infrastructure.jdbcUrl(), infrastructure.databaseUsername(), infrastructure.databasePassword());
    }
}
