package com.clientnest.local.spending;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: what the response cache, in-flight dedup and off-peak deferral save. The same mix of requests (30 %
 * repeats of earlier ones, 20 % deferrable) is replayed on the whole suite twice, first with the features off, then on,
 * each on a fresh stack with users of its own; DeepSeek calls (the simulator's count), tokens and dollars (the cost
 * service's ledger) are printed for both. In the second run the off-peak window is made to open a few minutes after
 * the start, so deferred requests wait for it as they would for 16:30 UTC. The ledger's dollars are checked against an
 * independent recomputation from the usage records and the price table, to the last digit. Run it with
 * {@code local-stack/bench-spend.sh}; sizes come from {@code BENCH_*} environment variables.
 */
public final class SpendBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SpendBenchmark.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private SpendBenchmark() {}

    public static void main(String[] args) throws Exception {
        int total = intEnv("BENCH_REQUESTS", 10_000);
        int users = intEnv("BENCH_USERS", 50);
        int concurrency = intEnv("BENCH_CONCURRENCY", 24);
        int windowDelay = intEnv("BENCH_WINDOW_DELAY_SECONDS", 240);
        List<Planned> plan = Mix.plan(total, users, 0.30, 0.20, new Random(20261126));
        System.setProperty("clientnest.gateway.rate-limit.requests-per-minute.business", "100000000");
        List<Run> runs = new ArrayList<>();
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(0, 0, null, false)) {
            runs.add(run("without", false, plan, users, concurrency, windowDelay, infrastructure));
            runs.add(run("with", true, plan, users, concurrency, windowDelay, infrastructure));
        }
        String report = report(total, runs);
        Path file = Files.createDirectories(Path.of("target")).resolve("benchmark-spend.md");
        Files.writeString(file, report);
        log.info("\n{}\nWritten to {}", report, file.toAbsolutePath());
    }

    private static Run run(
            String name,
            boolean features,
            List<Planned> plan,
            int users,
            int concurrency,
            int windowDelay,
            EmbeddedInfrastructure infrastructure)
            throws Exception {
        Instant start = Instant.now();
        // Without the features the window is far from now, so every call is at peak, as a day-time run would be.
        // Whole seconds, as the services are configured with them, so the recomputation draws the same line.
        LocalTime windowStart = LocalTime.ofInstant(
                        features ? start.plusSeconds(windowDelay) : start.plus(Duration.ofHours(6)), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
        LocalTime windowEnd = windowStart.plusHours(8);
        for (String prefix :
                List.of("clientnest.gateway.deferral.off-peak-window", "clientnest.cost.prices.off-peak-window")) {
            System.setProperty(prefix + ".start", windowStart.format(HH_MM_SS));
            System.setProperty(prefix + ".end", windowEnd.format(HH_MM_SS));
        }
        System.setProperty("clientnest.gateway.cache.enabled", Boolean.toString(features));
        System.setProperty("clientnest.gateway.deferral.enabled", Boolean.toString(features));
        try (LocalStack stack = LocalStack.start(LocalStackSettings.forTests(), infrastructure)) {
            Client client = new Client(stack.gatewayUrl());
            List<String> keys = new ArrayList<>();
            List<String> userIds = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                JsonNode created = client.createUser(name + "-" + i);
                keys.add(created.path("apiKey").asString());
                userIds.add(created.path("userId").asString());
            }
            Map<String, Planned> byRequest = new ConcurrentHashMap<>();
            Map<String, Integer> answers = new ConcurrentHashMap<>();
            Semaphore slots = new Semaphore(concurrency);
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Planned request : plan) {
                    slots.acquire();
                    senders.execute(() -> {
                        try {
                            JsonNode accepted = client.submit(keys.get(request.user()), request);
                            byRequest.put(accepted.path("requestId").asString(), request);
                            answers.merge(accepted.path("status").asString(), 1, Integer::sum);
                        } catch (Exception e) {
                            log.warn("A submission failed for good: {}", e.toString());
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
            Instant submitted = Instant.now();
            log.info(
                    "{}: {} submitted in {} s: {}",
                    name,
                    byRequest.size(),
                    Duration.between(start, submitted).toSeconds(),
                    answers);
            SpendLedger ledger = new SpendLedger(infrastructure, userIds);
            ledger.awaitAllFinal(byRequest.size(), Duration.ofMinutes(30));
            ledger.awaitAllSettled(Duration.ofMinutes(5));
            return ledger.measure(
                    name, stack.simulator().stats().totalCalls(), byRequest, answers, windowStart, windowEnd);
        }
    }

    private static String report(int total, List<Run> runs) {
        Run without = runs.get(0);
        Run with = runs.get(1);
        StringBuilder out = new StringBuilder();
        out.append("Replay of ")
                .append(total)
                .append(
                        " requests, 30 % repeats, 20 % deferrable (DeepSeek = the simulator, deepseek-flash prices)\n\n");
        out.append(
                "| run | DeepSeek calls | tokens | USD (ledger) | USD of deferrable requests | ledger = recomputation |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            out.append("| ")
                    .append(run.name())
                    .append(" | ")
                    .append(run.calls())
                    .append(" | ")
                    .append(run.tokens())
                    .append(" | ")
                    .append(run.ledgerUsd().toPlainString())
                    .append(" | ")
                    .append(run.deferrableUsd().toPlainString())
                    .append(" | ")
                    .append(
                            run.ledgerUsd().equals(run.recomputedUsd())
                                    ? "yes, " + run.recomputedUsd().toPlainString()
                                    : "NO: recomputed " + run.recomputedUsd().toPlainString())
                    .append(" |\n");
        }
        out.append("\n| saving | calls | tokens | USD | USD of deferrable requests |\n|---|---|---|---|---|\n");
        out.append("| with vs without | ")
                .append(percent(without.calls() - with.calls(), without.calls()))
                .append(" | ")
                .append(percent(without.tokens() - with.tokens(), without.tokens()))
                .append(" | ")
                .append(percent(without.ledgerUsd().subtract(with.ledgerUsd()), without.ledgerUsd()))
                .append(" | ")
                .append(percent(without.deferrableUsd().subtract(with.deferrableUsd()), without.deferrableUsd()))
                .append(" |\n\n");
        for (Run run : runs) {
            out.append("- ")
                    .append(run.name())
                    .append(": 202 answers ")
                    .append(run.answers())
                    .append("; final ")
                    .append(run.finals())
                    .append("; cache-hit usage records ")
                    .append(run.cacheHitRecords())
                    .append("; calls inside the off-peak window ")
                    .append(run.offPeakCalls())
                    .append(" (window ")
                    .append(run.window())
                    .append(" UTC); deferral saving in the usage summaries ")
                    .append(run.summarySavingUsd().toPlainString())
                    .append(" USD\n");
        }
        return out.toString();
    }

    private static String percent(long saved, long of) {
        return saved + " ("
                + (of == 0 ? "-" : BigDecimal.valueOf(saved * 100.0 / of).setScale(1, RoundingMode.HALF_UP) + " %")
                + ")";
    }

    private static String percent(BigDecimal saved, BigDecimal of) {
        return saved.toPlainString() + " ("
                + (of.signum() == 0
                        ? "-"
                        : saved.multiply(BigDecimal.valueOf(100)).divide(of, 1, RoundingMode.HALF_UP) + " %")
                + ")";
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** One request of the replayed mix. */
    record Planned(int index, int user, String path, String body, boolean repeat, boolean deferrable) {}

    /** One run's figures. */
    record Run(
            String name,
            long calls,
            long tokens,
            BigDecimal ledgerUsd,
            BigDecimal recomputedUsd,
            BigDecimal deferrableUsd,
            long cacheHitRecords,
            long offPeakCalls,
            BigDecimal summarySavingUsd,
            Map<String, Integer> answers,
            Map<String, Integer> finals,
            String window) {}

    /** The gateway's REST API, as a client uses it. */
    private static final class Client {

        private final String gateway;
        private final HttpClient http = HttpClient.newHttpClient();

        Client(String gateway) {
            this.gateway = gateway;
        }

        JsonNode createUser(String name) throws Exception {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/v1/admin/users"))
                            .header("Authorization", "Bearer test-admin-key")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"" + name + "\",\"tier\":\"business\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Cannot create a user: " + created.body());
            }
            return JSON.readTree(created.body());
        }

        /** The 202 answer; an overloaded gateway (503, 429) is asked again. */
        JsonNode submit(String apiKey, Planned request) throws Exception {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(gateway + request.path()))
                                .header("Authorization", "Bearer " + apiKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request.body()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    return JSON.readTree(response.body());
                }
                if ((response.statusCode() != 503 && response.statusCode() != 429) || attempt == 20) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                }
                TimeUnit.MILLISECONDS.sleep(200L * attempt);
            }
        }
    }
}
