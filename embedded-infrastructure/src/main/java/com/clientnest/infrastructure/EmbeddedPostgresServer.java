package com.clientnest.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries (zonky) run as a child process; data and the unpacked binaries live under the JVM's
 * {@code java.io.tmpdir}, which the build points inside {@code target/}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on the given port (0 for any free one), keeping its data in the given directory. */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
        return start(port, dataDirectory, true);
    }

    /**
     * As {@link #start(int, Path)}; without its own shutdown hook the caller must {@link #close()} it, which lets
     * a caller stop the services using the database first.
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory, boolean stopAtJvmExit) {
        try {
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder().setCleanDataDirectory(true).setRegisterShutdownHook(stopAtJvmExit);
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
            log.info("Embedded PostgreSQL listening on port {}", server.port());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return USER;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
        }
    }
}
