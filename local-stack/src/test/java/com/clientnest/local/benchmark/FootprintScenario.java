package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.local.ServiceProcess;
import com.clientnest.local.benchmark.BenchmarkReport.Row;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P6: each service as its own JVM (the local stack's process mode, with its default service options): time from
 * launch to healthy, resident memory once healthy and after a minute of light load. Baseline: the DeepSeek
 * simulator, a plain-JDK HTTP server with no Spring, started as a child JVM with the same options.
 */
final class FootprintScenario {

    private static final Logger log = LoggerFactory.getLogger(FootprintScenario.class);

    private final Infrastructure infrastructure;
    private final int rate;

    FootprintScenario(Infrastructure infrastructure, int rate) {
        this.infrastructure = infrastructure;
        this.rate = rate;
    }

    void run(List<Row> rows) throws Exception {
        LocalStackSettings settings = withJavaOptions(
                LocalStackSettings.forTests().withSeparateProcesses(), System.getenv("CLIENTNEST_SERVICE_JAVA_OPTS"));
        Map<String, String> started = new LinkedHashMap<>();
        Map<String, String> loaded = new LinkedHashMap<>();
        try (LocalStack stack = LocalStack.start(settings, infrastructure)) {
            for (ServiceProcess process : stack.processes()) {
                started.put(
                        process.name(),
                        String.format(
                                "up in %.1f s from its %s, RSS %s",
                                process.startTime().toMillis() / 1000.0,
                                process.fromStartupCache() ? "start-up cache" : "jar",
                                megabytes(process.residentBytes())));
            }
            Gateway gateway = new Gateway(stack.gatewayUrl(), "test-admin-key");
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                keys.add(gateway.createUser("bench-footprint-" + i, "enterprise"));
            }
            LoadGenerator load = new LoadGenerator(gateway, keys, rate, 60);
            load.awaitFinal(load.run(), Duration.ofSeconds(180));
            for (ServiceProcess process : stack.processes()) {
                loaded.put(process.name(), megabytes(process.residentBytes()));
            }
        }
        String baseline = simulatorBaseline(settings.serviceJavaOptions());
        log.info("Footprint: started {}, after load {}; simulator {}", started, loaded, baseline);
        String options = String.join(" ", settings.serviceJavaOptions());
        started.forEach((name, figure) -> rows.add(new Row(
                "P6 " + name + " as its own JVM (" + options + ")",
                figure + "; RSS " + loaded.get(name) + " after 60 s at " + rate + " req/s",
                "up < 5 s, RSS < 400 MB",
                "plain-JDK simulator, same options: " + baseline)));
    }

    /** The services' JVM options from {@code CLIENTNEST_SERVICE_JAVA_OPTS}, as {@code ./run-local} takes them. */
    private static LocalStackSettings withJavaOptions(LocalStackSettings settings, String options) {
        if (options == null || options.isBlank()) {
            return settings;
        }
        return settings.withServiceJavaOptions(List.of(options.trim().split("\\s+")));
    }

    /** Launch to first answer, and RSS then, of the simulator in a child JVM with the services' options. */
    private static String simulatorBaseline(List<String> javaOptions) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("com.clientnest.simulator.SimulatorApplication");
        Path log = Files.createTempFile("simulator-baseline", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DEEPSEEK_SIM_PORT", Integer.toString(port));
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_sim/stats"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    double seconds = (System.nanoTime() - launched) / 1e9;
                    return String.format("up in %.1f s, RSS %s", seconds, megabytes(rss(process.pid())));
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            return "did not answer within 60 s (see " + log + ")";
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static OptionalLong rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException e) {
            // Not Linux, or gone.
        }
        return OptionalLong.empty();
    }

    private static String megabytes(OptionalLong bytes) {
        return bytes.isPresent() ? (bytes.getAsLong() >> 20) + " MB" : "unknown";
    }
}
