package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.local.benchmark.BenchmarkReport.Row;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.LatencyProfile;
import com.clientnest.simulator.SimulatorStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P1: how many {@code POST /api/v1/ai/sentiment} the gateway answers with 202 per second, each with its quota
 * reservation, its row and its outbox event committed, from closed-loop clients (each sends its next request when
 * the last is answered) over 200 enterprise users. Baseline: as many closed-loop senders of a plain producer
 * ({@code acks=all}) writing the same number of bytes to the same broker, i.e. the floor of one durable write; and
 * the gateway's own floors, what the same clients get from it for a read that does next to nothing (see
 * {@link #measureFloors}). The report runs it once per layout: services in its JVM, then each in its own.
 *
 * <p>The clients are {@code wrk}'s connections when wrk is installed (bench-report.sh installs it): a process of its
 * own, whose latency covers every answer, not only the 202s. Without wrk, Java's HttpClient sends from the report's
 * JVM, where it takes CPU time from the services, and times the 202s alone. The row says which measured.
 */
final class SubmissionRateScenario {

    private static final Logger log = LoggerFactory.getLogger(SubmissionRateScenario.class);
    // Each request's text is its own (a number is added): identical texts would be answered from the response cache.
    private static final String BODY = "{\"text\":\"I love the new release, great job! #%s\",\"context\":\"comment\"}";

    private static final Duration HELD_CALL = Duration.ofMinutes(5);
    private static final int WARMUP_SLICE_SECONDS = 30;

    private final Infrastructure infrastructure;
    private final boolean ownProcesses;
    private final int connections;
    /** The most warm-up before the measured run; it ends sooner once the rate stops rising. */
    private final int warmupSeconds;

    private final int seconds;
    /** Null when wrk is not installed: the Java generator measures. Chosen once, so every run uses one tool. */
    private final Wrk wrk;

    /**
     * @param ownProcesses each service in a JVM of its own, as deployed (docker-compose, {@code ./run-local
     *     --processes}), instead of all of them in the report's JVM beside the broker, where they share one JIT
     */
    SubmissionRateScenario(
            Infrastructure infrastructure, boolean ownProcesses, int connections, int warmupSeconds, int seconds) {
        this.infrastructure = infrastructure;
        this.ownProcesses = ownProcesses;
        this.connections = connections;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.wrk = Wrk.installed() ? new Wrk(connections) : null;
    }

    void run(List<Row> rows) throws Exception {
        log.info("P1 {}, load from {}", layout(), tool());
        Run measured;
        Run admissionOnly;
        int warmedFor;
        List<Row> floors = new ArrayList<>();
        LocalStackSettings settings =
                ownProcesses ? LocalStackSettings.forTests().withSeparateProcesses() : LocalStackSettings.forTests();
        try (LocalStack stack = LocalStack.start(settings, infrastructure)) {
            Gateway gateway = new Gateway(stack.gatewayUrl(), "test-admin-key");
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                keys.add(gateway.createUser("bench-rate-" + (ownProcesses ? "own-" : "") + i, "enterprise"));
            }
            // First, while nothing is queued and the worker is idle: after the submissions, their backlog keeps the
            // worker busy for minutes.
            measureFloors(stack.gatewayUrl(), keys, floors);
            warmedFor = warmUp(stack.gatewayUrl(), keys);
            measured = post(stack.gatewayUrl(), keys, seconds);
            // Diagnosis: the admission path alone. DeepSeek now holds every call for minutes, so the worker fills its
            // capacity once and then nothing downstream (calls, results, settlement) competes for the cores.
            stack.simulator().latency(LatencyProfile.of(HELD_CALL.toMillis(), HELD_CALL.toMillis()));
            awaitQuiet(stack.simulator());
            log.info("Measuring the admission path alone for {} s", Math.min(seconds, 20));
            admissionOnly = post(stack.gatewayUrl(), keys, Math.min(seconds, 20));
        }
        Run baseline = produce(Math.min(seconds, 15));
        log.info(
                "POST -> 202: {}; admission alone: {}; plain producer: {}",
                measured.brief(),
                admissionOnly.brief(),
                baseline.brief());
        rows.add(new Row(
                "P1 POST → 202 with reservation, " + layout() + ", " + seconds + " s after " + warmedFor
                        + " s of warm-up, " + tool(),
                measured.brief(),
                "≥ 3,000/s, p99 ≤ 50 ms",
                "plain producer, acks=all, " + connections + " senders: " + baseline.brief()));
        rows.add(new Row(
                "P1 the same, " + layout()
                        + ", admission alone (DeepSeek holding every call, so nothing downstream runs)",
                admissionOnly.brief(),
                "—",
                "—"));
        rows.addAll(floors);
    }

    /**
     * Submits in slices of {@link #WARMUP_SLICE_SECONDS} until a slice's rate is less than 5 % above the best slice
     * before it, after at least three slices and at most {@link #warmupSeconds}. A gateway in service runs for days,
     * so P1 measures its steady state, not its first minutes: admitting alone, a fresh one kept speeding up for
     * minutes (by hand on 2026-11-26: 319, 459, 544, 705, 763, 908 /s in successive runs); with the pipeline
     * processing what it admits, the rate stopped rising within a minute.
     *
     * @return the seconds of warm-up
     */
    private int warmUp(String gatewayUrl, List<String> keys) throws Exception {
        int elapsed = 0;
        double best = 0;
        int slices = 0;
        while (elapsed + WARMUP_SLICE_SECONDS <= Math.max(warmupSeconds, WARMUP_SLICE_SECONDS)) {
            double rate = post(gatewayUrl, keys, WARMUP_SLICE_SECONDS).perSecond();
            elapsed += WARMUP_SLICE_SECONDS;
            slices++;
            log.info("P1 warm-up, {} s: {} /s", elapsed, Math.round(rate));
            boolean stillRising = rate > best * 1.05;
            best = Math.max(best, rate);
            if (slices >= 3 && !stillRising) {
                break;
            }
        }
        return elapsed;
    }

    /**
     * What the same gateway answers per second when an answer costs next to nothing, from the same wrk and keys: the
     * ceiling its HTTP stack (Tomcat, Spring MVC, metrics and tracing filters) puts on any endpoint on this machine,
     * and that with one PostgreSQL lookup (the API key) added. Both are far from the admission's work of writes and
     * commits in two services; the gap between them and the admission rate is what that work costs.
     */
    private void measureFloors(String gatewayUrl, List<String> keys, List<Row> rows) throws Exception {
        if (wrk == null) {
            log.info("The gateway's read floors are measured with wrk only; it is not installed");
            return;
        }
        int floorSeconds = Math.min(seconds, 15);
        for (String[] floor : new String[][] {
            {"/actuator/health/liveness", "GET /actuator/health/liveness"},
            {"/api/v1/queue", "GET /api/v1/queue (API key looked up in PostgreSQL)"}
        }) {
            // Some seconds first, so the endpoint's own code is compiled before it is timed.
            wrk.get(gatewayUrl, keys, floor[0], 10);
            Wrk.Result result = wrk.get(gatewayUrl, keys, floor[0], floorSeconds);
            Run run = Run.of(result);
            log.info("{}: {}", floor[0], run.brief());
            rows.add(new Row(
                    "P1 baseline, " + layout() + ": the same gateway answering " + floor[1], "—", "—", run.brief()));
        }
    }

    /**
     * Waits until DeepSeek has answered nothing for 5 s (at most a minute): the calls of the first run are answered
     * and their results and usage go through before the admission path is measured alone, not during it.
     */
    private static void awaitQuiet(DeepSeekSimulator simulator) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long answered = -1;
        while (System.nanoTime() < deadline) {
            SimulatorStats stats = simulator.stats();
            long now = stats.totalCalls() - stats.inFlight();
            if (now == answered) {
                return;
            }
            answered = now;
            Thread.sleep(5_000);
        }
    }

    private String layout() {
        return ownProcesses ? "each service its own JVM" : "services in the report's JVM";
    }

    private String tool() {
        return wrk != null
                ? "wrk, " + connections + " closed-loop connections; latency of all answers (wrk cannot split it by"
                        + " status), other statuses beside it"
                : "Java HttpClient in the report's JVM, " + connections + " closed-loop clients; latency of the 202s";
    }

    /** Posts for {@code seconds} from the chosen tool; only 202s count as throughput. */
    private Run post(String gatewayUrl, List<String> keys, int seconds) throws Exception {
        if (wrk == null) {
            return postFromThisJvm(gatewayUrl, keys, seconds);
        }
        Wrk.Result result = wrk.post(gatewayUrl, keys, seconds);
        return Run.of(result);
    }

    /** Posts from {@code connections} virtual threads for {@code seconds}; a failed request counts as status -1. */
    private Run postFromThisJvm(String gatewayUrl, List<String> keys, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI uri = URI.create(gatewayUrl + "/api/v1/ai/sentiment");
        Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        String run = Long.toString(System.nanoTime(), 36);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        int n = next.getAndIncrement();
                        String key = keys.get(Math.floorMod(n, keys.size()));
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(run + "-" + n)))
                                .build();
                        long sent = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                        if (status == 202) {
                            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                        }
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<Integer, Integer> others = new TreeMap<>();
        statuses.forEach((status, count) -> {
            if (status != 202) {
                others.put(status, count.get());
            }
        });
        return new Run(latencies.size() / elapsed, Percentiles.of(latencies), others);
    }

    /** Closed-loop sends of a plain producer, each waiting for the broker's acknowledgement. */
    private Run produce(int seconds) throws Exception {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        // A topic of its own each time: the report measures P1 once per layout on the same broker.
        String topic = "bench.produce-" + Long.toString(System.nanoTime(), 36);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] value = new byte[BODY.length() + 200];
        Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.LINGER_MS_CONFIG,
                                0),
                        new StringSerializer(),
                        new ByteArraySerializer());
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                String key = "sender-" + c;
                senders.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(topic, key, value)).get();
                        latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Run(latencies.size() / elapsed, Percentiles.of(latencies), Map.of());
    }

    /** Answers per second, their latencies, and how many answers of each other status came back. */
    private record Run(double perSecond, Percentiles latency, Map<Integer, Integer> others) {

        static Run of(Wrk.Result result) {
            return new Run(result.acceptedPerSecond(), result.latency(), result.others());
        }

        String brief() {
            return String.format(
                    "%,.0f /s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (n=%d)%s",
                    perSecond,
                    latency.p50(),
                    latency.p95(),
                    latency.p99(),
                    latency.count(),
                    others.isEmpty() ? "" : "; other answers " + others);
        }
    }
}
