package com.clientnest.local.faults;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: {@code local-stack/fault-suite.sh}. Every fault in turn on one stack of separate processes, each under
 * a steady mixed load, with the evidence per fault in one table. Exits non-zero when any fault lost or
 * double-billed anything, or let a user pass a quota.
 */
public final class FaultSuite {

    private static final Logger log = LoggerFactory.getLogger(FaultSuite.class);

    private FaultSuite() {}

    public static void main(String[] args) throws Exception {
        int rate = intEnv("FAULT_RATE", 50);
        Duration down = Duration.ofSeconds(intEnv("FAULT_DOWN_SECONDS", 10));
        Duration outage = Duration.ofSeconds(intEnv("FAULT_OUTAGE_SECONDS", 60));
        Set<String> only = Arrays.stream(
                        System.getenv().getOrDefault("FAULT_ONLY", "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        Map<String, Fault> faults = new LinkedHashMap<>();
        faults.put("worker", Fault.kill("worker", down));
        faults.put("gateway", Fault.kill("gateway", down));
        faults.put("cost", Fault.kill("cost-service", down));
        faults.put("broker", Fault.brokerRestart(down));
        faults.put("postgres", Fault.postgresCrash(down));
        faults.put("outage", Fault.deepSeekOutage(outage));
        faults.put("hang", Fault.deepSeekHangs(outage));
        faults.put("limit", Fault.accountLimitCut(10, outage));
        StringBuilder table = new StringBuilder(FaultOutcome.tableHeader());
        boolean passed = true;
        // A fixed Kafka port, so the restarted broker is where every client looks for it; durable commits, so a
        // crashed PostgreSQL keeps every request it answered 202 for.
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(freePort(), 0, null, true, true);
                LocalStack stack =
                        LocalStack.start(LocalStackSettings.forTests().withSeparateProcesses(), infrastructure)) {
            FaultDrill drill = new FaultDrill(stack, infrastructure, "test-admin-key").prepare();
            for (Map.Entry<String, Fault> fault : faults.entrySet()) {
                if (!only.isEmpty() && !only.contains(fault.getKey())) {
                    continue;
                }
                FaultOutcome outcome = drill.run(
                        fault.getValue(), rate, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMinutes(5));
                table.append(outcome.tableRow());
                passed &= outcome.passed();
            }
        }
        String report = "Fault suite, %s, %d req/s, services as separate processes, simulator at ~200 ms:%n%n%s"
                .formatted(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES), rate, table);
        Path file = Path.of("target", "fault-suite.md");
        Files.writeString(file, report);
        log.info("\n{}\nWritten to {}", report, file.toAbsolutePath());
        if (!passed) {
            System.exit(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
