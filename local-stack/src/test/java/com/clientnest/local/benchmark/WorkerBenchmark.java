package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: measures the worker against issue 6's targets, each beside a baseline from the same run on the same
 * broker and simulator. Run with {@code local-stack/bench-worker.sh}; sizes come from {@code BENCH_*} variables.
 *
 * <ol>
 *   <li>Calls in flight and completions per second, the worker alone (its own JVM, -Xmx512m) draining a preloaded
 *       lane, DeepSeek at about 1 s; baseline: the simulator called directly at the same concurrency.
 *   <li>Submission to COMPLETED at a steady 100 requests/s, DeepSeek at 0 ms, the whole suite in one JVM;
 *       baseline: a plain Kafka producer to consumer hop.
 *   <li>Priority under 3× overload with mixed tiers: lane waits and the low lane's share of completions.
 * </ol>
 */
public final class WorkerBenchmark {

    private static final Logger log = LoggerFactory.getLogger(WorkerBenchmark.class);

    private WorkerBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        // This measures the worker and the path of a request, not the per-user rate limit: it is lifted here.
        for (String tier : List.of("free", "starter", "professional", "business", "enterprise")) {
            System.setProperty("clientnest.gateway.rate-limit.requests-per-minute." + tier, "1000000");
        }
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(0, 0, null, true)) {
            log.info(
                    "Benchmark on {} cores, {}",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            new InFlightScenario(infrastructure, intEnv("BENCH_PRELOAD", 40_000), intEnv("BENCH_IN_FLIGHT", 2000))
                    .run(rows);
            new LatencyScenario(infrastructure, intEnv("BENCH_RATE", 100), intEnv("BENCH_SECONDS", 20)).run(rows);
            new OverloadScenario(infrastructure, intEnv("BENCH_OVERLOAD_SECONDS", 20)).run(rows);
        }
        String table = table(rows);
        log.info("\n{}", table);
        Path report = Path.of("target", "benchmark-worker.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Worker benchmark, " + LocalDate.now() + "\n\n" + table);
        log.info("Written to {}", report.toAbsolutePath());
        System.exit(0);
    }

    /** One line of the report: what was measured, the figure, the target, the baseline from the same run. */
    record Row(String measure, String value, String target, String baseline) {}

    private static String table(List<Row> rows) {
        StringBuilder out =
                new StringBuilder("| measure | measured | target | baseline, same run |\n|---|---|---|---|\n");
        rows.forEach(row -> out.append("| ")
                .append(row.measure())
                .append(" | ")
                .append(row.value())
                .append(" | ")
                .append(row.target())
                .append(" | ")
                .append(row.baseline())
                .append(" |\n"));
        return out.toString();
    }

    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
