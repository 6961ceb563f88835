package com.clientnest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service running as a JVM of its own from its module's {@code -exec} jar, as it would in a container: its own
 * heap, start time and resident memory, and it can be killed alone. Its output goes to a log file, so the
 * terminal stays readable; the banner says where.
 */
public final class ServiceProcess implements RunningService {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final Duration startTime;
    private final boolean fromStartupCache;

    private ServiceProcess(
            String name, int port, Process process, Path logFile, Duration startTime, boolean fromStartupCache) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.startTime = startTime;
        this.fromStartupCache = fromStartupCache;
    }

    /**
     * Starts the service's jar with the JVM running this one and waits until its health endpoint answers UP.
     *
     * @throws IllegalStateException when it exits or is not healthy within the timeout; it is stopped then
     */
    static ServiceProcess start(
            ServiceLaunch launch, Path jar, List<String> javaOptions, Path logDirectory, Duration timeout) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOptions);
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        List<String> launchArguments = StartupCache.launchArguments(launch, jar, java, javaOptions, logDirectory);
        boolean fromStartupCache = launchArguments.stream().anyMatch(argument -> argument.startsWith("-XX:AOTCache="));
        command.addAll(launchArguments);
        command.addAll(launch.commandLine());
        Path logFile = logDirectory.resolve(launch.name() + ".log");
        long started = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(logDirectory);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + launch.name() + " from " + jar, e);
        }
        ServiceProcess service =
                new ServiceProcess(launch.name(), launch.port(), process, logFile, Duration.ZERO, fromStartupCache);
        try {
            service.awaitHealthy(timeout);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return new ServiceProcess(
                launch.name(),
                launch.port(),
                process,
                logFile,
                Duration.ofNanos(System.nanoTime() - started),
                fromStartupCache);
    }

    /** A port nobody listens on now, for a service whose port must be known before it starts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with status " + process.exitValue() + " before it was healthy; see " + logFile);
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(POLL);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + logFile);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String url() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** From launch to the first healthy answer: JVM start, Spring context, migrations, Kafka and web server. */
    public Duration startTime() {
        return startTime;
    }

    /** Whether it started from its start-up cache ({@link StartupCache}) rather than from its jar. */
    public boolean fromStartupCache() {
        return fromStartupCache;
    }

    /** Resident memory now, from {@code /proc}; empty where there is no {@code /proc} (not Linux). */
    public OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone, or not Linux.
        }
        return OptionalLong.empty();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills it at once, as a crash or the OOM killer would: the fault tests' tool. */
    void kill() {
        process.destroyForcibly();
        waitFor(GRACE);
    }

    /** SIGTERM, so Spring shuts down gracefully; forcibly if it has not stopped within the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(GRACE)) {
            log.warn("{} did not stop within {}; killing it", name, GRACE);
            process.destroyForcibly();
            waitFor(GRACE);
        }
    }

    private boolean waitFor(Duration duration) {
        try {
            return process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
