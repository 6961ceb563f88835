package com.clientnest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.schemas.events.QuotaWarningRaised;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code ./run-local follow <topic>}: what a subscriber of the quota warnings sees on the local run. */
class TopicFollowerIT {

    private static final String TOPIC = "follow.ai.quota.warnings";
    private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");

    @Test
    void printsEachRecordOfTheTopicFromItsBeginningWithItsEventDecodedAndShowsOneThatIsNoEvent() throws Exception {
        // Given a warning on the topic, and a record someone sent by hand
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        QuotaWarningRaised warning = QuotaWarningRaised.newBuilder()
                .setEventId("warning-1")
                .setOccurredAt(AT)
                .setUserId("user-7")
                .setTier(Tier.FREE)
                .setMetric("content_optimization")
                .setThreshold(new BigDecimal("0.80"))
                .setUsed(new BigDecimal("4.000000"))
                .setLimit(new BigDecimal("5.000000"))
                .setMonth("2026-11")
                .build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(
                            TOPIC,
                            null,
                            AT.toEpochMilli(),
                            "user-7",
                            new AvroSingleObjectSerializer().serialize(TOPIC, warning)))
                    .get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(
                            TOPIC,
                            null,
                            AT.plusSeconds(1).toEpochMilli(),
                            "by-hand",
                            "hello".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }

        // When the follower starts after they were sent
        List<String> lines = new ArrayList<>();
        try (TopicFollower follower = new TopicFollower(bootstrap, TOPIC)) {
            for (int poll = 0; poll < 40 && lines.size() < 2; poll++) {
                follower.printNext(lines::add);
            }
        }

        // Then it prints both from the beginning: the warning as its fields, the other as what it is
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("2026-11-26T15:00:00Z user-7 QuotaWarningRaised " + warning);
        assertThat(lines.get(0))
                .contains("\"metric\": \"content_optimization\"", "\"userId\": \"user-7\"", "\"month\": \"2026-11\"");
        assertThat(lines.get(1)).startsWith("2026-11-26T15:00:01Z by-hand (5 bytes that are not an event: ");
    }

    @Test
    void refusesATopicThatDoesNotExistAndNamesTheTopicsThatDo() throws Exception {
        // Given a broker with the follower's test topic on it
        String bootstrap = SharedTestInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("follow.known", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        // When a topic is misspelt, Then the answer says so and lists what there is
        assertThatThrownBy(() -> new TopicFollower(bootstrap, "follow.knwon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No topic follow.knwon on " + bootstrap + "; its topics: ")
                .hasMessageContaining("follow.known");
    }
}
