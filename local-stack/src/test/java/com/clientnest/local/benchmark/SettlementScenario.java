package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.local.benchmark.BenchmarkReport.Row;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.Topics;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P5: how fast the cost service settles {@code UsageRecorded} events into the ledger (priced, recorded once, the
 * user's month incremented), and whether the ledger's totals equal the records' to the last digit. Baseline: a plain
 * consumer reading and decoding the same events from the same topic, with no database behind it.
 */
final class SettlementScenario {

    private static final Logger log = LoggerFactory.getLogger(SettlementScenario.class);
    private static final String USER_PREFIX = "bench-settle-";

    private final Infrastructure infrastructure;
    private final int events;
    private final int users;

    SettlementScenario(Infrastructure infrastructure, int events, int users) {
        this.infrastructure = infrastructure;
        this.events = events;
        this.users = users;
    }

    void run(List<Row> rows) throws Exception {
        Topics topics = new Topics("");
        double settledPerSecond;
        boolean exact;
        try (LocalStack stack = LocalStack.start(LocalStackSettings.forTests(), infrastructure);
                Connection db = DriverManager.getConnection(
                        infrastructure.jdbcUrl(),
                        infrastructure.databaseUsername(),
                        infrastructure.databasePassword())) {
            long before = count(db);
            long start = System.nanoTime();
            publish(topics);
            while (count(db) - before < events) {
                Thread.sleep(100);
            }
            settledPerSecond = events / ((System.nanoTime() - start) / 1e9);
            exact = exact(db);
        }
        double readPerSecond = read(topics);
        log.info(
                "Settlement: {} events/s, ledger exact: {}; plain consumer: {} events/s",
                Math.round(settledPerSecond),
                exact,
                Math.round(readPerSecond));
        rows.add(new Row(
                "P5 Ledger settlement, " + events + " UsageRecorded of " + users + " users, from the first send",
                String.format("%,.0f /s", settledPerSecond),
                "≥ 10,000 /s",
                String.format("plain consumer reading and decoding them: %,.0f /s", readPerSecond)));
        rows.add(new Row(
                "P5 Ledger exactness (cost and tokens, records vs ledger)",
                exact ? "equal to the last digit" : "DIFFERENT",
                "exact",
                "—"));
    }

    private void publish(Topics topics) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infrastructure.kafkaBootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new AvroSingleObjectSerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < events; i++) {
                String userId = USER_PREFIX + (i % users);
                producer.send(new ProducerRecord<>(topics.usage().name(), userId, usage(userId, i, now)));
            }
        }
    }

    /** Events per second a plain consumer reads and decodes from the usage topic, from its beginning. */
    private double read(Topics topics) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infrastructure.kafkaBootstrapServers(),
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000),
                new StringDeserializer(),
                new AvroSingleObjectDeserializer())) {
            List<TopicPartition> partitions = consumer
                    .partitionsFor(topics.usage().name())
                    .stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long read = 0;
            while (read < events) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static UsageRecorded usage(String userId, int i, Instant at) {
        // Token counts vary, so the cost sums exercise all ten decimal places.
        int prompt = 100 + i % 997;
        int completion = 50 + i % 389;
        int hit = i % 53;
        return UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setRequestId("bench-settle-request-" + i)
                .setUserId(userId)
                .setTier(Tier.ENTERPRISE)
                .setType(RequestType.values()[i % 3])
                .setModel(i % 2 == 0 ? "deepseek-flash" : "deepseek-v4-pro")
                .setUsage(new TokenUsage(prompt, completion, prompt + completion, hit, prompt - hit))
                .setLatencyMs(500)
                .setCacheHit(false)
                .setReservationId(null)
                .build();
    }

    private static long count(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM cost.usage_records WHERE user_id LIKE '" + USER_PREFIX + "%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean exact(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT (SELECT sum(cost_usd) FROM cost.usage_records WHERE user_id LIKE 'bench-settle-%'),
                               (SELECT sum(cost_usd) FROM cost.usage_ledger WHERE user_id LIKE 'bench-settle-%'),
                               (SELECT sum(total_tokens) FROM cost.usage_records WHERE user_id LIKE 'bench-settle-%'),
                               (SELECT sum(total_tokens) FROM cost.usage_ledger WHERE user_id LIKE 'bench-settle-%')
                        """)) {
            rows.next();
            BigDecimal records = rows.getBigDecimal(1);
            BigDecimal ledger = rows.getBigDecimal(2);
            log.info(
                    "Cost in records {} USD, in ledger {} USD; tokens {} and {}",
                    records,
                    ledger,
                    rows.getLong(3),
                    rows.getLong(4));
            return records.compareTo(ledger) == 0 && rows.getLong(3) == rows.getLong(4);
        }
    }
}
