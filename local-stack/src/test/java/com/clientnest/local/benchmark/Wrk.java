package com.clientnest.local.benchmark;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P1's load from {@code wrk}, a process of its own, so the load generator does not run in the report's JVM and take
 * the services' CPU time. The requests are made by {@code submission-rate.lua} (beside this class in the test
 * resources), which prints the one {@code wrk-result} line read here. Each connection sends its next request when
 * the last is answered: closed loop, like the Java generator.
 */
final class Wrk {

    private static final Logger log = LoggerFactory.getLogger(Wrk.class);
    private static final String SCRIPT = "submission-rate.lua";
    private static final String RESULT = "wrk-result ";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");

    private final int connections;

    Wrk(int connections) {
        this.connections = connections;
    }

    /** Whether {@code wrk} runs here; wrk 4 has no real version flag, it prints its version and usage and exits 1. */
    static boolean installed() {
        try {
            Process process = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            return new String(process.getInputStream().readAllBytes(), UTF_8).startsWith("wrk ");
        } catch (IOException notFound) {
            return false;
        }
    }

    /**
     * Posts for {@code seconds}, rotating over {@code keys}. The latency covers every answer, not only the 202s: wrk
     * keeps one histogram per run and cannot split it by status, so the other statuses are returned beside it.
     */
    Result post(String gatewayUrl, List<String> keys, int seconds) throws IOException, InterruptedException {
        return send(gatewayUrl, keys, seconds, List.of());
    }

    /** GETs {@code path} for {@code seconds} with the same keys, counting the 2xx answers: P1's baselines. */
    Result get(String gatewayUrl, List<String> keys, String path, int seconds)
            throws IOException, InterruptedException {
        return send(gatewayUrl, keys, seconds, List.of(path));
    }

    private Result send(String gatewayUrl, List<String> keys, int seconds, List<String> readPath)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wrk-p1-");
        Path keyFile = Files.write(dir.resolve("keys.txt"), keys);
        Path script = dir.resolve(SCRIPT);
        try (InputStream in = Wrk.class.getResourceAsStream(SCRIPT)) {
            Files.copy(Objects.requireNonNull(in, SCRIPT), script);
        }
        // A run id in every text: a repeat of an earlier run's text would be answered from the response cache.
        String run = Long.toString(System.nanoTime(), 36);
        // One thread: a single epoll loop keeps the connections busy and leaves the most CPU to the services.
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t1",
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                gatewayUrl,
                "--",
                keyFile.toString(),
                run));
        command.addAll(readPath);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        int exit = process.waitFor();
        String line = output.lines()
                .filter(l -> l.startsWith(RESULT))
                .findFirst()
                .orElseThrow(() -> new IOException("wrk exited " + exit + " without a result:\n" + output));
        return Result.parse(line);
    }

    /** 2xx answers per second; latency of all answers within 30 s; other statuses, -1 for requests that got no answer. */
    record Result(double acceptedPerSecond, Percentiles latency, Map<Integer, Integer> others) {

        static Result parse(String line) {
            Map<String, String> fields = new HashMap<>();
            Matcher matcher = FIELD.matcher(line.substring(RESULT.length()));
            while (matcher.find()) {
                fields.put(matcher.group(1), matcher.group(2));
            }
            long requests = Long.parseLong(fields.get("requests"));
            long slow = Long.parseLong(fields.get("slow"));
            if (slow > 0) {
                // Counted under their status, but missing from the histogram, which stops at --timeout.
                log.warn("{} answers came after 30 s", slow);
            }
            Map<Integer, Integer> others = new TreeMap<>();
            for (String entry : fields.get("others").split(",")) {
                if (!entry.isEmpty()) {
                    String[] statusCount = entry.split(":");
                    others.put(Integer.parseInt(statusCount[0]), Integer.parseInt(statusCount[1]));
                }
            }
            int errors = Integer.parseInt(fields.get("errors"));
            if (errors > 0) {
                others.put(-1, errors);
            }
            long answered = requests - slow;
            Percentiles latency = answered == 0
                    ? Percentiles.of(List.of())
                    : new Percentiles(
                            answered,
                            Double.parseDouble(fields.get("p50_ms")),
                            Double.parseDouble(fields.get("p95_ms")),
                            Double.parseDouble(fields.get("p99_ms")),
                            Double.parseDouble(fields.get("max_ms")));
            double seconds = Long.parseLong(fields.get("duration_us")) / 1e6;
            return new Result(Long.parseLong(fields.get("accepted")) / seconds, latency, others);
        }
    }
}
