package com.clientnest.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Finds each service's runnable jar ({@code <module>/target/<module>-<version>-exec.jar}) in the repository the
 * local stack runs from: {@code ./run-local} builds them, and so does {@code ./mvnw verify} before the local
 * stack's own tests.
 */
final class ServiceJars {

    private final Path repository;

    private ServiceJars(Path repository) {
        this.repository = repository;
    }

    /** The repository around the working directory: the nearest parent that holds {@code mvnw}. */
    static ServiceJars inRepositoryAround(Path workingDirectory) {
        for (Path candidate = workingDirectory.toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("mvnw"))) {
                return new ServiceJars(candidate);
            }
        }
        throw new IllegalStateException(
                "The process mode runs from the repository (no mvnw above " + workingDirectory.toAbsolutePath() + ")");
    }

    /** @throws IllegalStateException when the module has not been packaged */
    Path of(String module) {
        Path target = repository.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(module + "-") && name.endsWith("-exec.jar");
                    })
                    .max(Comparator.comparing(ServiceJars::modified))
                    .orElseThrow(() -> new IllegalStateException("No runnable jar of " + module + " in " + target
                            + "; build it first: ./mvnw -pl local-stack -am package -DskipTests"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
