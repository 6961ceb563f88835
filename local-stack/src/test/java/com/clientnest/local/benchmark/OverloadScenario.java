package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.local.benchmark.BenchmarkReport.Row;
import com.clientnest.simulator.LatencyProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three times more requests than the worker can serve, from enterprise (high lane), professional (normal) and free
 * (low) users in a 20/30/50 mix: how long each lane waits, and whether the low lane still gets a share.
 * The worker's capacity is cut to 20 calls of ~500 ms (about 40 completions/s) and 120 requests/s are offered.
 */
final class OverloadScenario {

    private static final Logger log = LoggerFactory.getLogger(OverloadScenario.class);
    private static final int CAPACITY = 20;
    private static final long DEEPSEEK_MS = 500;
    private static final int RATE = 120;

    private final Infrastructure infrastructure;
    private final int seconds;

    OverloadScenario(Infrastructure infrastructure, int seconds) {
        this.infrastructure = infrastructure;
        this.seconds = seconds;
    }

    void run(List<Row> rows) throws Exception {
        // A system property, so that the worker of the in-process suite takes it like any setting of its own.
        System.setProperty("clientnest.worker.max-in-flight", Integer.toString(CAPACITY));
        // Batches small next to the capacity, so that the lanes share it in fine grains (see fetch-batch).
        System.setProperty("clientnest.worker.fetch-batch", "4");
        System.setProperty("clientnest.worker.scout-batch", "4");
        try (LocalStack stack = LocalStack.start(LocalStackSettings.forTests(), infrastructure)) {
            stack.simulator().latency(LatencyProfile.of(DEEPSEEK_MS, DEEPSEEK_MS + 100));
            Gateway gateway = new Gateway(stack.gatewayUrl(), "test-admin-key");
            List<String> keys = users(gateway);
            LoadGenerator load = new LoadGenerator(gateway, keys, RATE, seconds);
            long loadStart = System.currentTimeMillis();
            List<Submitted> submitted = load.run();
            long loadEnd = loadStart + seconds * 1000L;
            List<Gateway.Final> finals = load.awaitFinal(submitted, Duration.ofSeconds(300));
            report(rows, finals, loadEnd, load.refused());
        } finally {
            System.clearProperty("clientnest.worker.max-in-flight");
            System.clearProperty("clientnest.worker.fetch-batch");
            System.clearProperty("clientnest.worker.scout-batch");
        }
    }

    // 20 % enterprise, 30 % professional, 50 % free, spread over enough users that no monthly quota runs out (a free
    // user has 50 sentiment analyses and 10,000 tokens a month).
    private static List<String> users(Gateway gateway) throws Exception {
        List<String> keys = new ArrayList<>();
        String[] mix = {
            "enterprise",
            "enterprise",
            "professional",
            "professional",
            "professional",
            "free",
            "free",
            "free",
            "free",
            "free"
        };
        for (int i = 0; i < 250; i++) {
            keys.add(gateway.createUser("bench-overload-" + i, mix[i % mix.length]));
        }
        return keys;
    }

    private void report(List<Row> rows, List<Gateway.Final> finals, long loadEnd, int refused) {
        Map<String, List<Long>> waits = new HashMap<>();
        Map<String, Integer> duringLoad = new HashMap<>();
        int completedDuringLoad = 0;
        for (Gateway.Final request : finals) {
            if (request.completedAt() == null) {
                continue;
            }
            waits.computeIfAbsent(request.lane(), lane -> new ArrayList<>())
                    .add(Math.max(0, request.millis() - DEEPSEEK_MS));
            if (request.completedAt().toEpochMilli() <= loadEnd) {
                duringLoad.merge(request.lane(), 1, Integer::sum);
                completedDuringLoad++;
            }
        }
        Percentiles high = Percentiles.of(waits.getOrDefault("high", List.of()));
        Percentiles normal = Percentiles.of(waits.getOrDefault("normal", List.of()));
        Percentiles low = Percentiles.of(waits.getOrDefault("low", List.of()));
        double lowShare =
                completedDuringLoad == 0 ? 0 : 100.0 * duringLoad.getOrDefault("low", 0) / completedDuringLoad;
        log.info(
                "Overload: high {}, normal {}, low {}; low {}% of {} completions under load; {} refused",
                high.brief(), normal.brief(), low.brief(), Math.round(lowShare), completedDuringLoad, refused);
        String offered =
                RATE + " req/s offered for " + seconds + " s to ~" + (CAPACITY * 1000 / DEEPSEEK_MS) + "/s of capacity";
        // With the same capacity and no lanes, every request would wait its turn in one queue: the waits of all
        // requests pooled are what that queue would have given.
        Percentiles pooled =
                Percentiles.of(waits.values().stream().flatMap(List::stream).toList());
        rows.add(new Row(
                "P4 3× overload, high-lane queue wait (" + offered + ")",
                high.brief(),
                "p95 ≤ 2 s",
                "all lanes pooled (one FIFO queue): " + pooled.brief()));
        rows.add(new Row(
                "P4 3× overload, normal / low queue wait",
                "normal " + normal.brief() + "; low " + low.brief(),
                "—",
                "—"));
        rows.add(new Row(
                "P4 3× overload, low lane's share of completions while overloaded",
                String.format("%.1f %% of %d", lowShare, completedDuringLoad),
                "≥ 10 %",
                "low is 50 % of the offered load"));
    }
}
