package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark report (not a test): P1 to P6, each beside a baseline measured in the same run on the same broker,
 * database and simulator, printed as a table and written as Markdown. Run it with {@code local-stack/bench-report.sh};
 * {@code BENCH_ONLY=p1,p5} runs some of them, and the other {@code BENCH_*} variables size them.
 */
public final class BenchmarkReport {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkReport.class);

    private BenchmarkReport() {}

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        // This measures the pipeline, not the per-user rate limit, which is lifted here.
        for (String tier : List.of("free", "starter", "professional", "business", "enterprise")) {
            System.setProperty("clientnest.gateway.rate-limit.requests-per-minute." + tier, "1000000");
        }
        for (String tuning :
                System.getenv().getOrDefault("BENCH_PROPERTIES", "").split(",")) {
            // Diagnosis: any property for the services in this JVM, e.g. clientnest.worker.consumers-per-lane=2.
            if (tuning.contains("=")) {
                System.setProperty(tuning.substring(0, tuning.indexOf('=')), tuning.substring(tuning.indexOf('=') + 1));
                log.info("Set {} for this run", tuning);
            }
        }
        String started = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(0, 0, null, true)) {
            log.info("Benchmark report on {}", machine());
            if (selected("p1")) {
                // Both layouts: the services in one JVM, as ./run-local starts them, and each in its own, as deployed.
                for (boolean ownProcesses : new boolean[] {false, true}) {
                    new SubmissionRateScenario(
                                    infrastructure,
                                    ownProcesses,
                                    intEnv("BENCH_CONNECTIONS", 64),
                                    // At most; longer than the others, as the JIT needs minutes at full load.
                                    intEnv("BENCH_P1_WARMUP_SECONDS", 300),
                                    intEnv("BENCH_SECONDS", 30))
                            .run(rows);
                }
            }
            if (selected("p2")) {
                new LatencyScenario(
                                infrastructure,
                                rates(System.getenv().getOrDefault("BENCH_RATES", "25,50,100")),
                                intEnv("BENCH_WARMUP_SECONDS", 20),
                                intEnv("BENCH_SECONDS", 30))
                        .run(rows);
            }
            if (selected("p3")) {
                new InFlightScenario(infrastructure, intEnv("BENCH_PRELOAD", 40_000), intEnv("BENCH_IN_FLIGHT", 2000))
                        .run(rows);
            }
            if (selected("p4")) {
                new OverloadScenario(infrastructure, intEnv("BENCH_OVERLOAD_SECONDS", 20)).run(rows);
            }
            if (selected("p5")) {
                new SettlementScenario(infrastructure, intEnv("BENCH_USAGE_EVENTS", 200_000), 1_000).run(rows);
            }
            if (selected("p6")) {
                new FootprintScenario(infrastructure, intEnv("BENCH_FOOTPRINT_RATE", 20)).run(rows);
            }
        }
        String report = "# Benchmark report, " + started + " UTC\n\n" + machine() + "\n\n" + table(rows);
        log.info("\n{}", report);
        Path file = Path.of("target", "benchmark-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        log.info("Written to {}", file.toAbsolutePath());
        System.exit(0);
    }

    /** One line of the report: what was measured, the figure, the target, the baseline from the same run. */
    record Row(String measure, String value, String target, String baseline) {}

    private static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return "Machine: %d cores, %d GiB, %s %s, Java %s (%s). Broker, PostgreSQL, simulator, services and load generator share these cores."
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        Math.round(memory / (1024.0 * 1024 * 1024)),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"),
                        System.getProperty("java.vm.name"));
    }

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

    /** Whether {@code BENCH_ONLY} (comma-separated, e.g. {@code p1,p3}) is unset or names this part. */
    private static boolean selected(String part) {
        String only = System.getenv("BENCH_ONLY");
        return only == null
                || only.isBlank()
                || List.of(only.toLowerCase().replace(" ", "").split(",")).contains(part);
    }

    private static List<Integer> rates(String list) {
        return List.of(list.split(",")).stream()
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
    }

    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
