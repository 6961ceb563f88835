package com.clientnest.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CostIntegrationTest
class UsageRecordingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    private Topics topics;

    @Autowired
    private JdbcClient jdbc;

    private CostTables tables;
    private UsagePublisher publisher;

    @BeforeEach
    void openPublisher() {
        publisher = new UsagePublisher(topics.usage());
        tables = new CostTables(jdbc);
    }

    @AfterEach
    void closePublisher() {
        publisher.close();
    }

    @Test
    void recordsAPricedUsageEventAndAddsItToTheUsersMonthlyLedger() throws Exception {
        // Given a peak-time deepseek-flash call: 1000 cache-hit, 200 cache-miss and 300 output tokens
        String userId = UsageEvents.newUserId();
        UsageRecorded event = UsageEvents.contentGeneration(userId).build();

        // When
        publisher.publish(event);

        // Then 1000 x 0.028 + 200 x 0.28 + 300 x 0.42 = 210 USD per million
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tables.usageRecord(event.getEventId()))
                        .contains(new CostTables.UsageRecordRow(
                                UUID.fromString(event.getEventId()),
                                event.getRequestId(),
                                userId,
                                "PROFESSIONAL",
                                "CONTENT_GENERATION",
                                "deepseek-flash",
                                1200,
                                300,
                                1500,
                                1000,
                                200,
                                850,
                                false,
                                UsageEvents.PEAK_TIME,
                                "2026-11",
                                new BigDecimal("0.0002100000"))));
        assertThat(tables.ledger(userId))
                .containsExactly(new CostTables.LedgerRow(
                        userId, "2026-11", "PROFESSIONAL", 1, 0, 0, 1500, new BigDecimal("0.0002100000")));
    }

    @Test
    void countsARedeliveredEventOnlyOnce() throws Exception {
        // Given an event that was recorded
        String userId = UsageEvents.newUserId();
        UsageRecorded event = UsageEvents.contentGeneration(userId).build();
        publisher.publish(event);
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(event.getEventId()).isPresent());

        // When the same event arrives again, followed by another one of the same user
        publisher.publish(event);
        UsageRecorded next = UsageEvents.contentGeneration(userId)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setUsage(new TokenUsage(100, 20, 120, 0, 100))
                .build();
        publisher.publish(next);

        // Then, once the later event is in, the first is still recorded once and counted once
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(next.getEventId()).isPresent());
        assertThat(tables.usageRecordCount(userId)).isEqualTo(2L);
        // 210 USD per million for the first, 100 x 0.28 + 20 x 0.42 = 36.4 for the second
        assertThat(tables.ledger(userId))
                .containsExactly(new CostTables.LedgerRow(
                        userId, "2026-11", "PROFESSIONAL", 1, 1, 0, 1620, new BigDecimal("0.0002464000")));
    }

    @Test
    void countsARequestOnceHoweverManyCallsItTookAndAddsUpTheTokensAndCostOfEach() throws Exception {
        // Given a request whose first call came back blank, and the second call the worker made for it
        String userId = UsageEvents.newUserId();
        UsageRecorded blankAnswer = UsageEvents.contentGeneration(userId).build();
        UsageRecorded retry = UsageEvents.contentGeneration(userId)
                .setRequestId(blankAnswer.getRequestId())
                .setUsage(new TokenUsage(100, 20, 120, 0, 100))
                .build();

        // When the usage events of both calls arrive
        publisher.publish(blankAnswer);
        publisher.publish(retry);

        // Then both calls are recorded and billed: 210 + 36.4 USD per million and 1500 + 120 tokens, but the
        // request counts once against the monthly request quota
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(retry.getEventId()).isPresent());
        assertThat(tables.usageRecordCount(userId)).isEqualTo(2L);
        assertThat(tables.ledger(userId))
                .containsExactly(new CostTables.LedgerRow(
                        userId, "2026-11", "PROFESSIONAL", 1, 0, 0, 1620, new BigDecimal("0.0002464000")));
    }

    @Test
    void sendsPoisonMessagesToTheUsageDeadLetterTopicWithTheirReasonAndRecordsTheEventsBehindThem() throws Exception {
        // Given an undecodable message and an event with an invalid field, both on the user's partition
        String userId = UsageEvents.newUserId();
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        publisher.publishGarbage(userId, garbage);
        publisher.publish(
                UsageEvents.contentGeneration(userId).setEventId("not-a-uuid").build());

        // When a good event follows them
        UsageRecorded good = UsageEvents.contentGeneration(userId).build();
        publisher.publish(good);

        // Then the good one is recorded and only it is counted
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(good.getEventId()).isPresent());
        assertThat(tables.ledger(userId))
                .containsExactly(new CostTables.LedgerRow(
                        userId, "2026-11", "PROFESSIONAL", 1, 0, 0, 1500, new BigDecimal("0.0002100000")));

        // And both poison messages are on the usage dead-letter topic, byte for byte, with why and whence
        try (TopicProbe<byte[]> deadLetters = TopicProbe.start(
                SharedTestInfrastructure.get().kafkaBootstrapServers(),
                new ByteArrayDeserializer(),
                List.of(topics.usageDeadLetters().name()))) {
            List<ConsumerRecord<String, byte[]>> letters = await().atMost(TIMEOUT)
                    .until(
                            () -> deadLetters.records(topics.usageDeadLetters().name(), userId),
                            found -> found.size() >= 2);
            assertThat(letters).hasSize(2);
            assertThat(letters.get(0).value()).isEqualTo(garbage);
            assertThat(header(letters.get(0), DeadLetterHeaders.REASON_CODE)).isEqualTo("undecodable");
            assertThat(header(letters.get(0), DeadLetterHeaders.ORIGINAL_TOPIC))
                    .isEqualTo(topics.usage().name());
            assertThat(header(letters.get(1), DeadLetterHeaders.REASON_CODE)).isEqualTo("invalid_usage");
            assertThat(header(letters.get(1), DeadLetterHeaders.MESSAGE))
                    .isEqualTo("eventId: not a UUID: 'not-a-uuid'");
            assertThat(Long.parseLong(header(letters.get(1), DeadLetterHeaders.ORIGINAL_OFFSET)))
                    .isGreaterThan(Long.parseLong(header(letters.get(0), DeadLetterHeaders.ORIGINAL_OFFSET)));
        }
    }

    @Test
    void deadLettersAnEventTheDatabaseRefusesAndStillRecordsTheNextEventOnItsPartition() throws Exception {
        // Given a decodable, valid-looking event whose request id holds a NUL, which PostgreSQL refuses in text
        String userId = UsageEvents.newUserId();
        UsageRecorded poison = UsageEvents.contentGeneration(userId)
                .setRequestId("req-\u0000-nul")
                .build();
        publisher.publish(poison);

        // When a good event follows it on the same partition (same user key)
        UsageRecorded good = UsageEvents.contentGeneration(userId).build();
        publisher.publish(good);

        // Then the good one is recorded and counted, the poison one is not
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(good.getEventId()).isPresent());
        assertThat(tables.usageRecord(poison.getEventId())).isEmpty();
        assertThat(tables.ledger(userId))
                .containsExactly(new CostTables.LedgerRow(
                        userId, "2026-11", "PROFESSIONAL", 1, 0, 0, 1500, new BigDecimal("0.0002100000")));

        // And the poison event is on the usage dead-letter topic with the consumer error policy's reason
        try (TopicProbe<byte[]> deadLetters = TopicProbe.start(
                SharedTestInfrastructure.get().kafkaBootstrapServers(),
                new ByteArrayDeserializer(),
                List.of(topics.usageDeadLetters().name()))) {
            List<ConsumerRecord<String, byte[]>> letters = await().atMost(TIMEOUT)
                    .until(
                            () -> deadLetters.records(topics.usageDeadLetters().name(), userId),
                            found -> !found.isEmpty());
            assertThat(letters).hasSize(1);
            assertThat(List.of(
                            header(letters.get(0), DeadLetterHeaders.REASON_CODE),
                            header(letters.get(0), DeadLetterHeaders.ORIGINAL_TOPIC),
                            header(letters.get(0), DeadLetterHeaders.ATTEMPTS)))
                    .containsExactly("rejected_by_database", topics.usage().name(), "1");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void countsAResponseCacheHitAsARequestThatCostsNothing() throws Exception {
        // Given a response-cache hit for an optimisation, off-peak
        String userId = UsageEvents.newUserId();
        UsageRecorded event = UsageEvents.contentGeneration(userId)
                .setType(RequestType.CONTENT_OPTIMIZATION)
                .setOccurredAt(UsageEvents.OFF_PEAK_TIME)
                .setUsage(new TokenUsage(0, 0, 0, 0, 0))
                .setLatencyMs(3)
                .setCacheHit(true)
                .build();

        // When
        publisher.publish(event);

        // Then
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(event.getEventId()).isPresent());
        assertThat(tables.usageRecord(event.getEventId()).orElseThrow().costUsd())
                .isEqualTo(new BigDecimal("0E-10"));
        assertThat(tables.ledger(userId))
                .containsExactly(new CostTables.LedgerRow(
                        userId, "2026-11", "PROFESSIONAL", 0, 0, 1, 0, new BigDecimal("0E-10")));
    }

    @Test
    void addsUpAMonthAcrossModelsPeakAndOffPeakAndKeepsMonthsApart() throws Exception {
        // Given a business user's calls in November (v4-pro at peak, flash off-peak) and one in December
        String userId = UsageEvents.newUserId();
        UsageRecorded proAtPeak = UsageEvents.contentGeneration(userId)
                .setTier(Tier.BUSINESS)
                .setModel("deepseek-v4-pro")
                .build();
        UsageRecorded flashOffPeak = UsageEvents.contentGeneration(userId)
                .setTier(Tier.BUSINESS)
                .setOccurredAt(UsageEvents.OFF_PEAK_TIME)
                .build();
        UsageRecorded december = UsageEvents.contentGeneration(userId)
                .setTier(Tier.BUSINESS)
                .setOccurredAt(Instant.parse("2026-12-01T00:00:00Z"))
                .build();

        // When
        publisher.publish(proAtPeak);
        publisher.publish(flashOffPeak);
        publisher.publish(december);

        // Then v4-pro peak: 1000 x 0.07 + 200 x 0.56 + 300 x 1.68 = 686; flash off-peak: 105; December at
        // 00:00 UTC is off-peak too
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(december.getEventId()).isPresent());
        assertThat(tables.ledger(userId))
                .containsExactly(
                        new CostTables.LedgerRow(
                                userId, "2026-11", "BUSINESS", 2, 0, 0, 3000, new BigDecimal("0.0007910000")),
                        new CostTables.LedgerRow(
                                userId, "2026-12", "BUSINESS", 1, 0, 0, 1500, new BigDecimal("0.0001050000")));
    }
}
