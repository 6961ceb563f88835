package com.clientnest.simulator;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufMono;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Not a test: measures the simulator's throughput at 0 ms latency and how many calls it holds open at 1-30 s
 * latency. The simulator runs in its own process ({@link SimulatorApplication}, as {@code java -jar} runs it) so
 * that each side of ten thousand connections fits the machine's per-process file descriptor limit; the client is a
 * non-blocking reactor-netty client. Run it with {@code deepseek-simulator/bench.sh}; sizes come from
 * {@code BENCH_*} environment variables.
 */
public final class SimulatorBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SimulatorBenchmark.class);

    private SimulatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = intEnv("BENCH_REQUESTS", 100_000);
        int connections = intEnv("BENCH_CONNECTIONS", 256);
        int held = intEnv("BENCH_HELD_CALLS", 12_000);
        String serverHeap = System.getenv().getOrDefault("BENCH_SERVER_HEAP", "512m");
        int port = freePort();
        Process server = startServer(port, serverHeap);
        String baseUrl = "http://127.0.0.1:" + port;
        try {
            awaitUp(baseUrl);
            log.info(
                    "Benchmark on {} cores; simulator in its own JVM (pid {}, -Xmx{}) on {}",
                    Runtime.getRuntime().availableProcessors(),
                    server.pid(),
                    serverHeap,
                    baseUrl);
            throughput(baseUrl, requests, connections);
            concurrency(baseUrl, server.pid(), held);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void throughput(String baseUrl, int requests, int connections) throws Exception {
        LoopResources loops = LoopResources.create("bench-client", 2, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .build();
        try {
            reactor.netty.http.client.HttpClient client = client(pool, loops, baseUrl);
            run(client, Math.min(20_000, requests), connections, null);
            control(baseUrl, "DELETE", "/_sim/stats", null);

            long[] latencies = new long[requests];
            long started = System.nanoTime();
            long errors = run(client, requests, connections, latencies);
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            log.info(
                    "Throughput at 0 ms latency: {} requests over {} connections in {} s = {} requests/s;"
                            + " client-side latency p50 {} ms, p95 {} ms, p99 {} ms, max {} ms; errors {};"
                            + " GET /_sim/stats: {}",
                    requests,
                    connections,
                    String.format("%.2f", seconds),
                    Math.round(requests / seconds),
                    millis(latencies, 0.50),
                    millis(latencies, 0.95),
                    millis(latencies, 0.99),
                    millis(latencies, 1.0),
                    errors,
                    control(baseUrl, "GET", "/_sim/stats", null));
        } finally {
            pool.disposeLater().block();
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
        }
    }

    private static void concurrency(String baseUrl, long serverPid, int held) throws Exception {
        // Log-normal with mean 6 s and p99 15 s: practically every call waits between 1 and 30 s.
        control(baseUrl, "PUT", "/_sim/latency", "{\"meanMs\":6000,\"p99Ms\":15000}");
        control(baseUrl, "DELETE", "/_sim/stats", null);
        LoopResources loops = LoopResources.create("bench-client", 2, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench-held")
                .maxConnections(held)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(2))
                .build();
        LongAccumulator peakRss = new LongAccumulator(Math::max, 0);
        LongAccumulator peakThreads = new LongAccumulator(Math::max, 0);
        Disposable sampler = Flux.interval(Duration.ofMillis(250), Schedulers.single())
                .subscribe(tick -> {
                    List<String> status = processStatus(serverPid);
                    peakRss.accumulate(statusField(status, "VmRSS:"));
                    peakThreads.accumulate(statusField(status, "Threads:"));
                });
        try {
            reactor.netty.http.client.HttpClient client =
                    client(pool, loops, baseUrl).responseTimeout(Duration.ofSeconds(90));
            long started = System.nanoTime();
            long errors = run(client, held, held, null);
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.dispose();
            log.info(
                    "Concurrency at 1-30 s latency (log-normal, mean 6 s, p99 15 s): {} calls sent at once, all"
                            + " done in {} s; completed {}, errors {}; simulator process: peak RSS {} MB, peak"
                            + " threads {}; GET /_sim/stats: {}",
                    held,
                    String.format("%.1f", seconds),
                    held - errors,
                    errors,
                    peakRss.get() >> 10,
                    peakThreads.get(),
                    control(baseUrl, "GET", "/_sim/stats", null));
            log.info("Simulator heap after the run: {}", heapSummary(serverPid));
        } finally {
            sampler.dispose();
            pool.disposeLater().block();
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
        }
    }

    private static Process startServer(int port, String heap) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx" + heap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SimulatorApplication.class.getName())
                .inheritIO();
        builder.environment().put("DEEPSEEK_SIM_HOST", "127.0.0.1");
        builder.environment().put("DEEPSEEK_SIM_PORT", Integer.toString(port));
        builder.environment().put("DEEPSEEK_SIM_CONCURRENCY_LIMIT", "1000000");
        return builder.start();
    }

    private static reactor.netty.http.client.HttpClient client(
            ConnectionProvider pool, LoopResources loops, String baseUrl) {
        return reactor.netty.http.client.HttpClient.create(pool)
                .runOn(loops)
                .baseUrl(baseUrl)
                .headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer bench")
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
    }

    /** Sends the calls with at most {@code concurrency} outstanding and answers the number that failed. */
    private static long run(
            reactor.netty.http.client.HttpClient client, int requests, int concurrency, long[] latencies) {
        AtomicLong errors = new AtomicLong();
        Flux.range(0, requests)
                .flatMap(
                        i -> {
                            long started = System.nanoTime();
                            return call(client, i)
                                    .doOnNext(status -> {
                                        if (status != 200) errors.incrementAndGet();
                                        if (latencies != null) latencies[i] = System.nanoTime() - started;
                                    })
                                    .onErrorResume(e -> {
                                        errors.incrementAndGet();
                                        return Mono.empty();
                                    });
                        },
                        concurrency)
                .blockLast();
        return errors.get();
    }

    private static Mono<Integer> call(reactor.netty.http.client.HttpClient client, int i) {
        String body = ChatRequests.sentiment("Comment " + i + ": I love the new release, thanks!")
                .toString();
        return client.post()
                .uri("/chat/completions")
                .send(ByteBufMono.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString()
                        .defaultIfEmpty("")
                        .map(text -> response.status().code()));
    }

    private static String control(String baseUrl, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void awaitUp(String baseUrl) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                control(baseUrl, "GET", "/_sim/stats", null);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> processStatus(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A number from /proc/PID/status (kB for memory, a count for threads), 0 where /proc is not available. */
    private static long statusField(List<String> status, String field) {
        return status.stream()
                .filter(line -> line.startsWith(field))
                .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElse(0);
    }

    private static String heapSummary(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(10, TimeUnit.SECONDS);
            return out.lines()
                    .filter(line -> line.contains("total"))
                    .findFirst()
                    .orElse(out.trim());
        } catch (IOException | InterruptedException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    private static String millis(long[] sorted, double quantile) {
        return String.format("%.2f", sorted[(int) Math.min(sorted.length - 1, sorted.length * quantile)] / 1e6);
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
