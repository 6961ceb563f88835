package com.clientnest.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.KafkaTestClients;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@GatewayIntegrationTest
class OutboxIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Topics topics;

    @Test
    void sweepsUpARowNoCommitWokeTheRelayFor() {
        // Given a pending row written behind the relay's back, as after a crash between commit and publish
        String requestId = UUID.randomUUID().toString();
        AiRequested event = AiRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setRequestId(requestId)
                .setUserId("dev")
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.CONTENT_OPTIMIZATION)
                .setLane(Lane.LOW)
                .setPriorityScore(65)
                .setInput(new OptimizationInput("Buy now", "twitter", "reach"))
                .build();
        String lane = topics.lane(Lane.LOW).name();
        byte[] payload = new AvroSingleObjectSerializer().serialize(lane, event);
        long id = jdbc.sql(
                        "INSERT INTO outbox (topic, record_key, payload) VALUES (:topic, :key, :payload) RETURNING id")
                .param("topic", lane)
                .param("key", requestId)
                .param("payload", payload)
                .query(Long.class)
                .single();

        // When the periodic sweep runs
        // Then the event reaches its lane unchanged and the row is marked published
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT published_at IS NOT NULL FROM outbox WHERE id = :id")
                            .param("id", id)
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            assertThat(KafkaTestClients.recordsWithKey(lane, requestId))
                    .singleElement()
                    .satisfies(record -> assertThat(record.value()).isEqualTo(event));
        });
    }
}
