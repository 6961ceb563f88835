package com.clientnest.local;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: on the whole local stack in this JVM (embedded broker and database, simulator, three services),
 * measures (1) {@code POST /api/v1/ai/sentiment} to {@code 202}, quota reservation included, with {@code wrk}, and
 * (2) how fast the cost service settles {@code UsageRecorded} events into the ledger, and whether the ledger's
 * totals equal the records' to the last digit. Run it with {@code local-stack/bench.sh}; sizes come from
 * {@code BENCH_*} environment variables.
 */
public final class QuotaBenchmark {

    private static final Logger log = LoggerFactory.getLogger(QuotaBenchmark.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_PREFIX = "bench-user-";

    private QuotaBenchmark() {}

    public static void main(String[] args) throws Exception {
        int connections = intEnv("BENCH_CONNECTIONS", 64);
        int seconds = intEnv("BENCH_SECONDS", 30);
        int usageEvents = intEnv("BENCH_USAGE_EVENTS", 200_000);
        int usageUsers = intEnv("BENCH_USAGE_USERS", 1_000);
        int submitters = intEnv("BENCH_SUBMITTERS", 200);
        int warmUpSeconds = intEnv("BENCH_WARM_UP_SECONDS", 20);
        // The benchmark's user must not meet the per-user rate limit, which would measure 429s.
        System.setProperty("clientnest.gateway.rate-limit.requests-per-minute.enterprise", "100000000");
        for (String tuning :
                System.getenv().getOrDefault("BENCH_PROPERTIES", "").split(",")) {
            // Diagnosis: any property for all services, e.g. server.tomcat.threads.max=32.
            if (tuning.contains("=")) {
                System.setProperty(tuning.substring(0, tuning.indexOf('=')), tuning.substring(tuning.indexOf('=') + 1));
            }
        }
        Path work = Files.createDirectories(Path.of("target", "benchmark"));
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(0, 0, null, false);
                LocalStack stack = LocalStack.start(LocalStackSettings.forTests(), infrastructure)) {
            if ("off".equals(System.getenv("BENCH_SYNCHRONOUS_COMMIT"))) {
                // Diagnosis only: shows how much of the time is the disk flushing each commit.
                try (Connection db = DriverManager.getConnection(
                                infrastructure.jdbcUrl(),
                                infrastructure.databaseUsername(),
                                infrastructure.databasePassword());
                        Statement statement = db.createStatement()) {
                    statement.execute("ALTER SYSTEM SET synchronous_commit = off");
                    statement.execute("SELECT pg_reload_conf()");
                }
                log.info("synchronous_commit is off for this run");
            }
            // Admissions of one user are serialised on their ledger row, as they must be; a load of many users is
            // what the gateway and the cost service see in production.
            List<String> apiKeys = new ArrayList<>();
            for (int i = 0; i < submitters; i++) {
                apiKeys.add(createEnterpriseUser(stack.gatewayUrl()));
            }
            // A cold JVM spends its first seconds compiling; the measured run comes after a warm-up run.
            runWrk(stack.gatewayUrl(), apiKeys, connections, warmUpSeconds, work);
            String wrk = runWrk(stack.gatewayUrl(), apiKeys, connections, seconds, work);
            log.info(
                    "POST /api/v1/ai/sentiment -> 202, {} users, {} connections, {} s:\n{}",
                    submitters,
                    connections,
                    seconds,
                    wrk);
            settle(infrastructure, usageEvents, usageUsers);
        }
    }

    private static String createEnterpriseUser(String gatewayUrl) throws IOException, InterruptedException {
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/admin/users"))
                                .header("Authorization", "Bearer test-admin-key")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"name\":\"Benchmark\",\"tier\":\"enterprise\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Could not create the benchmark user: " + created.body());
        }
        return JSON.readTree(created.body()).get("apiKey").asString();
    }

    private static String runWrk(String gatewayUrl, List<String> apiKeys, int connections, int seconds, Path work)
            throws IOException, InterruptedException {
        Path script = work.resolve("post-sentiment.lua");
        String keys = apiKeys.stream().map(key -> "\"" + key + "\"").collect(Collectors.joining(","));
        // Each request takes the next user's key.
        Files.writeString(script, """
                local keys = {%s}
                local counter = 0
                request = function()
                  counter = counter + 1
                  -- A numbered comment: identical ones would be answered by the response cache or follow each other.
                  local body = '{"text":"I love the new release, great job! ' .. counter .. '-' .. math.random(1000000000) .. '","context":"comment"}'
                  local headers = {}
                  headers["Authorization"] = "Bearer " .. keys[(counter %% #keys) + 1]
                  headers["Content-Type"] = "application/json"
                  return wrk.format("POST", nil, headers, body)
                end
                done = function(summary, latency, requests)
                  io.write(string.format("p50 %%.1f ms, p90 %%.1f ms, p99 %%.1f ms, max %%.1f ms\\n",
                    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                    latency:percentile(99) / 1000, latency.max / 1000))
                end
                """.formatted(keys));
        Process process = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        gatewayUrl + "/api/v1/ai/sentiment")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static void settle(EmbeddedInfrastructure infrastructure, int events, int users) throws Exception {
        Topics topics = new Topics("");
        long start = System.nanoTime();
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
        long published = System.nanoTime();
        try (Connection db = DriverManager.getConnection(
                infrastructure.jdbcUrl(), infrastructure.databaseUsername(), infrastructure.databasePassword())) {
            while (count(db) < events) {
                Thread.sleep(100);
            }
            long settled = System.nanoTime();
            double total = (settled - start) / 1e9;
            log.info(
                    "Ledger settlement: {} UsageRecorded of {} users published in {} s and settled {} s after the"
                            + " first was sent: {} events/s",
                    events,
                    users,
                    String.format("%.1f", (published - start) / 1e9),
                    String.format("%.1f", total),
                    String.format("%.0f", events / total));
            log.info("Ledger totals equal the records' to the last digit: {}", exact(db));
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
                .setRequestId("bench-request-" + i)
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
                        SELECT (SELECT sum(cost_usd) FROM cost.usage_records WHERE user_id LIKE 'bench-user-%'),
                               (SELECT sum(cost_usd) FROM cost.usage_ledger WHERE user_id LIKE 'bench-user-%'),
                               (SELECT sum(total_tokens) FROM cost.usage_records WHERE user_id LIKE 'bench-user-%'),
                               (SELECT sum(total_tokens) FROM cost.usage_ledger WHERE user_id LIKE 'bench-user-%')
                        """)) {
            rows.next();
            BigDecimal records = rows.getBigDecimal(1);
            BigDecimal ledger = rows.getBigDecimal(2);
            log.info(
                    "cost in records {} USD, in ledger {} USD; tokens {} and {}",
                    records,
                    ledger,
                    rows.getLong(3),
                    rows.getLong(4));
            return records.compareTo(ledger) == 0 && rows.getLong(3) == rows.getLong(4);
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
