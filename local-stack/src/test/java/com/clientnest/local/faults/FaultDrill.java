package com.clientnest.local.faults;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.simulator.LatencyProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs faults against a local stack in process mode under a steady load, one after the other, and measures what
 * each did: every accepted request final, every answered call billed once, no quota passed.
 */
public final class FaultDrill {

    private static final Logger log = LoggerFactory.getLogger(FaultDrill.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "DEAD_LETTERED", "CANCELLED");
    // Several enterprise users carry most of the load under their per-user rate limit; one user of each smaller
    // tier meets its rate limit and monthly quota, which must hold through every fault.
    private static final List<String> TIERS = List.of(
            "free",
            "starter",
            "professional",
            "business",
            "enterprise",
            "enterprise",
            "enterprise",
            "enterprise",
            "enterprise",
            "enterprise",
            "enterprise",
            "enterprise");

    private final LocalStack stack;
    private final Infrastructure infrastructure;
    private final PipelineRecords records;
    private final String adminKey;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> apiKeys = new ArrayList<>();

    public FaultDrill(LocalStack stack, Infrastructure infrastructure, String adminKey) {
        this.stack = stack;
        this.infrastructure = infrastructure;
        this.records = new PipelineRecords(infrastructure);
        this.adminKey = adminKey;
    }

    /** Creates the load's users. DeepSeek answers in about 200 ms, so calls are in flight when a fault strikes. */
    public FaultDrill prepare() throws Exception {
        for (String tier : TIERS) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/admin/users"))
                            .header("Authorization", "Bearer " + adminKey)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"Fault drill " + tier + "\",\"tier\":\"" + tier + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Could not create a user: " + created.body());
            }
            apiKeys.add(JSON.readTree(created.body()).path("apiKey").asString());
        }
        stack.simulator().latency(LatencyProfile.of(200, 600));
        return this;
    }

    /**
     * Steady load for {@code before}, the fault for its duration, recovery, load for {@code after}, then waits up
     * to {@code drainLimit} for every accepted request to be final.
     */
    public FaultOutcome run(Fault fault, int perSecond, Duration before, Duration after, Duration drainLimit)
            throws InterruptedException {
        stack.simulator().resetStats();
        long usageBefore = records.usageRecords();
        // Counted over the shared database, so a killed worker's legitimate double call does not fail later drills.
        long calledTwiceBefore = records.calledTwice();
        log.info("Fault drill: {} ({} under {} req/s)", fault.name(), fault.lasting(), perSecond);
        SteadyLoad load = SteadyLoad.start(stack.gatewayUrl(), apiKeys, perSecond);
        Thread.sleep(before);
        fault.inject().on(stack, infrastructure);
        Thread.sleep(fault.lasting());
        fault.recover().on(stack, infrastructure);
        Thread.sleep(after);
        load.close();
        List<String> accepted = load.accepted();
        long drainStart = System.nanoTime();
        long deadline = drainStart + drainLimit.toNanos();
        Map<String, Long> states = records.statuses(accepted);
        for (int second = 1; unfinished(states) > 0 && System.nanoTime() < deadline; second++) {
            Thread.sleep(1000);
            states = records.statuses(accepted);
            if (second % 5 == 0) {
                // A slow drain says where its requests wait, so the report's figure can be explained.
                log.info("Fault drill: draining for {} s: {}", second, states);
            }
        }
        Duration drained = Duration.ofNanos(System.nanoTime() - drainStart);
        // Usage is settled after the result: give the ledger a moment to catch up with the last completions.
        long answered = stack.simulator().stats().callsWithStatus(200);
        long usage = records.usageRecords() - usageBefore;
        for (int i = 0; i < 30 && usage < answered; i++) {
            Thread.sleep(1000);
            answered = stack.simulator().stats().callsWithStatus(200);
            usage = records.usageRecords() - usageBefore;
        }
        FaultOutcome outcome = new FaultOutcome(
                fault.name(),
                accepted.size(),
                load.answers(),
                load.slowestMillis(),
                states,
                unfinished(states),
                answered,
                usage,
                records.calledTwice() - calledTwiceBefore,
                quotaOverruns(),
                fault.billedExactly(),
                drained);
        log.info("Fault drill: {}", outcome);
        return outcome;
    }

    private static long unfinished(Map<String, Long> states) {
        return states.entrySet().stream()
                .filter(entry -> !FINAL.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Users whose usage passed a limit, as each sees it on {@code GET /api/v1/usage}. */
    private List<String> quotaOverruns() {
        List<String> overruns = new ArrayList<>();
        for (String apiKey : apiKeys) {
            JsonNode usage;
            try {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/usage"))
                                .header("Authorization", "Bearer " + apiKey)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                usage = JSON.readTree(answer.body());
            } catch (Exception e) {
                overruns.add("usage unreadable: " + e.getMessage());
                continue;
            }
            usage.path("metrics").properties().forEach(metric -> {
                JsonNode limit = metric.getValue().path("limit");
                JsonNode used = metric.getValue().path("used");
                if (limit.isNumber() && used.isNumber() && used.decimalValue().compareTo(limit.decimalValue()) > 0) {
                    overruns.add(usage.path("userId").asString() + " " + metric.getKey() + " " + used + " > " + limit);
                }
            });
        }
        return overruns.stream().distinct().collect(Collectors.toList());
    }
}
