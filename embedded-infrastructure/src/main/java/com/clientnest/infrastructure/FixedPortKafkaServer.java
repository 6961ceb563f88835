package com.clientnest.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka server in KRaft mode (broker and controller in one) on a port of the caller's choosing,
 * for the local run's well-known {@code localhost:9092}. Kafka's test kit, used for tests, always binds free
 * ports of its own.
 */
final class FixedPortKafkaServer implements AutoCloseable {

    private final KafkaConfig config;
    private final Path logDirectory;
    private final int port;
    private volatile KafkaRaftServer server;

    private FixedPortKafkaServer(KafkaRaftServer server, KafkaConfig config, Path logDirectory, int port) {
        this.server = server;
        this.config = config;
        this.logDirectory = logDirectory;
        this.port = port;
    }

    static FixedPortKafkaServer start(int port, Map<String, String> brokerProperties) {
        Path logDirectory;
        try {
            logDirectory = Files.createTempDirectory("kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a log directory for Kafka", e);
        }
        KafkaRaftServer server = null;
        try {
            int controllerPort = freePort();
            Properties properties = new Properties();
            properties.putAll(brokerProperties);
            properties.put("process.roles", "broker,controller");
            properties.put("node.id", "1");
            properties.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            properties.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            properties.put("controller.listener.names", "CONTROLLER");
            properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            properties.put("inter.broker.listener.name", "PLAINTEXT");
            properties.put("log.dirs", logDirectory.toString());
            KafkaConfig config = new KafkaConfig(properties);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new FixedPortKafkaServer(server, config, logDirectory, port);
        } catch (Exception e) {
            // A half-started server keeps non-daemon threads that would hold the JVM after the failure.
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            deleteRecursively(logDirectory);
            throw new IllegalStateException("Cannot start Kafka on port " + port + " (is it already in use?)", e);
        }
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the broker and keeps its log directory, so {@link #startAgain()} brings back every topic and offset. */
    void stop() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Starts a stopped broker again on the same port and log directory, as after a broker restart. */
    void startAgain() {
        KafkaRaftServer restarted = new KafkaRaftServer(config, Time.SYSTEM);
        restarted.startup();
        server = restarted;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteRecursively(logDirectory);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
