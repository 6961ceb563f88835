package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.benchmark.BenchmarkReport.Row;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.SimulatorSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker alone, in its own JVM with a 512 MB heap, draining a preloaded lane against a DeepSeek answering in
 * about a second: how many calls it holds open and how many it completes per second. Baseline: the same simulator
 * called directly by as many concurrent callers as the worker's capacity.
 */
final class InFlightScenario {

    private static final Logger log = LoggerFactory.getLogger(InFlightScenario.class);
    private static final Topics TOPICS = new Topics("bench.");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Infrastructure infrastructure;
    private final int preload;
    private final int inFlight;

    InFlightScenario(Infrastructure infrastructure, int preload, int inFlight) {
        this.infrastructure = infrastructure;
        this.preload = preload;
        this.inFlight = inFlight;
    }

    void run(List<Row> rows) throws Exception {
        try (DeepSeekSimulator simulator = DeepSeekSimulator.start(
                SimulatorSettings.defaults().withPort(0).withLatency(1000, 1200).withConcurrencyLimit(inFlight * 5))) {
            double baseline = direct(simulator);
            String bootstrap = infrastructure.kafkaBootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(TOPICS.newTopics((short) 1)).all().get(30, TimeUnit.SECONDS);
            }
            preloadLane(bootstrap);
            simulator.resetStats();
            int port = freePort();
            Process worker = startWorker(bootstrap, simulator.baseUrl(), port);
            try (ResultCounter results =
                    new ResultCounter(bootstrap, TOPICS.results().name())) {
                measure(rows, simulator, results, worker, port, baseline);
            } finally {
                worker.destroy();
                worker.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private void measure(
            List<Row> rows,
            DeepSeekSimulator simulator,
            ResultCounter results,
            Process worker,
            int port,
            double baseline)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(300);
        long tenPercentAt = 0;
        long tenPercentCount = 0;
        long ninetyPercentAt = 0;
        long ninetyPercentCount = 0;
        long maxHeap = 0;
        long maxHeld = 0;
        while (results.completed() + results.failed() < preload && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
            long done = results.completed();
            if (tenPercentAt == 0 && done >= preload / 10) {
                tenPercentAt = System.nanoTime();
                tenPercentCount = done;
            }
            if (ninetyPercentAt == 0 && done >= preload * 9L / 10) {
                ninetyPercentAt = System.nanoTime();
                ninetyPercentCount = done;
            }
            maxHeap = Math.max(maxHeap, heapUsed(http, port));
            maxHeld = Math.max(maxHeld, health(http, port).path("callsInFlight").asLong());
        }
        double seconds = (ninetyPercentAt - tenPercentAt) / 1e9;
        double rate = (ninetyPercentCount - tenPercentCount) / seconds;
        long rssKb = peakRssKb(worker.pid());
        log.info(
                "In flight: {} completed, {} failed, {}/s steady, simulator peak {}, worker peak {}, heap {} MB, RSS {} MB",
                results.completed(),
                results.failed(),
                Math.round(rate),
                simulator.stats().peakInFlight(),
                maxHeld,
                maxHeap >> 20,
                rssKb >> 10);
        rows.add(new Row(
                "P3 Calls in flight, one worker instance, DeepSeek ~1 s",
                "peak " + simulator.stats().peakInFlight() + " (simulator), " + maxHeld + " (worker)",
                "≥ 2,000",
                "direct callers: " + inFlight));
        rows.add(new Row(
                "P3 Completions/s, lane of " + preload + " preloaded, 10 %–90 % of the drain",
                String.format("%,.0f /s (%d failed)", rate, results.failed()),
                "≥ 1,500 /s",
                String.format("simulator called directly, %d callers: %,.0f /s", inFlight, baseline)));
        rows.add(new Row(
                "P3 Worker heap (JVM -Xmx512m), peak used / peak RSS",
                (maxHeap >> 20) + " MB / " + (rssKb >> 10) + " MB",
                "heap ≤ 512 MB",
                "—"));
    }

    /** Completions per second with {@code inFlight} callers looping on the simulator for 15 s. */
    private double direct(DeepSeekSimulator simulator) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer bench")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"deepseek-flash","response_format":{"type":"json_object"},"max_tokens":200,
                         "messages":[{"role":"system","content":"Answer in json: sentiment"},
                                     {"role":"user","content":"I love the new release, great job!"}]}"""))
                .build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        AtomicLong done = new AtomicLong();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            loops.add(loop(http, request, end, done));
        }
        long started = System.nanoTime();
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double rate = done.get() / ((System.nanoTime() - started) / 1e9);
        log.info(
                "Direct: {} calls, {}/s, peak in flight {}",
                done.get(),
                Math.round(rate),
                simulator.stats().peakInFlight());
        return rate;
    }

    private static CompletableFuture<Void> loop(HttpClient http, HttpRequest request, long end, AtomicLong done) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() == 200) {
                done.incrementAndGet();
            }
            return loop(http, request, end, done);
        });
    }

    private void preloadLane(String bootstrap) throws Exception {
        String lane = TOPICS.lane(Lane.NORMAL).name();
        AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG,
                5))) {
            for (int i = 0; i < preload; i++) {
                AiRequested request = AiRequested.newBuilder()
                        .setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(Instant.now())
                        .setRequestId(UUID.randomUUID().toString())
                        .setUserId("bench-user-" + i % 100)
                        .setTier(Tier.BUSINESS)
                        .setType(RequestType.SENTIMENT_ANALYSIS)
                        .setLane(Lane.NORMAL)
                        .setPriorityScore(90)
                        .setInput(new SentimentInput("Benchmark comment number " + i + ", I love it", null))
                        .build();
                producer.send(new ProducerRecord<>(lane, request.getRequestId(), serializer.serialize(lane, request)));
            }
            producer.flush();
        }
        log.info("Preloaded {} requests on {}", preload, lane);
    }

    private Process startWorker(String bootstrap, String deepSeek, int port) throws IOException {
        Path jar = Path.of("..", "ai-worker-service", "target", "ai-worker-service-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the worker first: " + jar.toAbsolutePath());
        }
        Path logFile = Path.of("target", "bench-worker.log");
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-XX:-UsePerfData",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--clientnest.kafka.topic-prefix=bench.",
                        "--clientnest.worker.share-group=bench-workers",
                        "--clientnest.worker.max-in-flight=" + inFlight,
                        "--clientnest.deepseek.max-concurrency=" + inFlight,
                        "--clientnest.deepseek.base-url=" + deepSeek,
                        "--clientnest.deepseek.api-key=bench")
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
    }

    private static long heapUsed(HttpClient http, int port) {
        JsonNode metric = get(http, port, "/actuator/metrics/jvm.memory.used?tag=area:heap");
        return metric.path("measurements").path(0).path("value").asLong(0);
    }

    private static JsonNode health(HttpClient http, int port) {
        return get(http, port, "/actuator/health")
                .path("components")
                .path("intake")
                .path("details");
    }

    private static JsonNode get(HttpClient http, int port, String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static long peakRssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
