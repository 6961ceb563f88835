package com.clientnest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's start-up cache: the JDK's ahead-of-time cache (JEP 483, 514 and 515: classes loaded and linked, and
 * method profiles, from a training run), which halves a service's start here (cost service 15.3 s from its jar,
 * 7.8 s from the cache; see ADR 0013). The JDK only caches classes read from plain jars, so the runnable jar is
 * first extracted as Spring Boot documents; the training run then starts the service against the running
 * infrastructure and stops once its context is refreshed, before any listener or web server starts.
 *
 * <p>Made once per build of the jar, JDK and JVM options, next to the jar ({@code target/startup-cache/}), so a
 * rebuild or {@code mvn clean} retrains. Needs Java 25. It is an optimisation only: when it cannot be made the
 * service starts from its jar as before, and {@code -XX:AOTMode=off} in the services' options turns it off.
 */
final class StartupCache {

    private static final Logger log = LoggerFactory.getLogger(StartupCache.class);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);
    private static final int MINIMUM_JAVA = 25;

    private final Path directory;
    private final Path extractedJar;
    private final Path cache;

    private StartupCache(Path directory, Path extractedJar) {
        this.directory = directory;
        this.extractedJar = extractedJar;
        this.cache = directory.resolve("app.aot");
    }

    /**
     * The JVM arguments that start the service: from its start-up cache when there is one or one can be trained
     * now, else from its runnable jar.
     */
    static List<String> launchArguments(
            ServiceLaunch launch, Path jar, String java, List<String> javaOptions, Path logDirectory) {
        Optional<StartupCache> cache = Runtime.version().feature() >= MINIMUM_JAVA && !optedOut(javaOptions)
                ? prepared(launch, jar, java, javaOptions, logDirectory)
                : Optional.empty();
        return cache.map(StartupCache::arguments).orElseGet(() -> List.of("-jar", jar.toString()));
    }

    private List<String> arguments() {
        return List.of("-XX:AOTCache=" + cache, "-jar", extractedJar.toString());
    }

    private static boolean optedOut(List<String> javaOptions) {
        return javaOptions.stream().anyMatch(option -> option.startsWith("-XX:AOT"));
    }

    private static Optional<StartupCache> prepared(
            ServiceLaunch launch, Path jar, String java, List<String> javaOptions, Path logDirectory) {
        Path directory = jar.resolveSibling("startup-cache");
        String stamp = stamp(jar, java, javaOptions);
        Path stampFile = directory.resolve("stamp");
        try {
            if (Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
                return Optional.of(new StartupCache(directory, directory.resolve(jar.getFileName())));
            }
            deleteRecursively(directory);
            Files.createDirectories(directory);
            long started = System.nanoTime();
            log.info("Training {}'s start-up cache, once per build (about half a minute)", launch.name());
            Path trainingLog = logDirectory.resolve(launch.name() + "-startup-cache.log");
            Files.createDirectories(logDirectory);
            run(
                    "extracting the jar",
                    List.of(
                            java,
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            directory.toString()),
                    trainingLog);
            StartupCache cache = new StartupCache(directory, directory.resolve(jar.getFileName()));
            List<String> training = new ArrayList<>(List.of(java));
            training.addAll(javaOptions);
            training.add("-XX:AOTCacheOutput=" + cache.cache);
            // Spring stops the JVM once the context is refreshed, before listeners, schedulers or the web server.
            training.add("-Dspring.context.exit=onRefresh");
            training.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
            training.addAll(List.of("-jar", cache.extractedJar.toString(), "--server.port=0"));
            training.addAll(launch.args());
            run("the training run", training, trainingLog);
            if (!Files.isRegularFile(cache.cache)) {
                throw new IllegalStateException("the training run made no cache");
            }
            Files.writeString(stampFile, stamp);
            log.info(
                    "{}'s start-up cache is ready in {} s: {}",
                    launch.name(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                    cache.cache);
            return Optional.of(cache);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "No start-up cache for {} ({}); it starts from its jar. See {}",
                    launch.name(),
                    e.getMessage(),
                    logDirectory.resolve(launch.name() + "-startup-cache.log"));
            return Optional.empty();
        }
    }

    /** What the cache depends on: the jar's build, the JDK and the JVM options it was trained with. */
    private static String stamp(Path jar, String java, List<String> javaOptions) {
        try {
            return String.join(
                    "\n",
                    jar.toAbsolutePath().toString(),
                    Long.toString(Files.size(jar)),
                    Long.toString(Files.getLastModifiedTime(jar).toMillis()),
                    java,
                    Runtime.version().toString(),
                    String.join(" ", javaOptions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String step, List<String> command, Path logFile) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(step + " took over " + TRAINING_TIMEOUT.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(step + " exited with status " + process.exitValue());
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
