package com.clientnest.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private List<String> postmasterCommand;
    private Process restarted;

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
        return start(port, dataDirectory, stopAtJvmExit, true);
    }

    /**
     * As {@link #start(int, Path, boolean)}, choosing whether a commit waits for its write-ahead log. zonky's
     * default does not ({@code synchronous_commit=off}), so a crashed server forgets the last fraction of a second
     * of commits, including requests already answered 202; the local run, the benchmarks and the fault suite wait,
     * as a production server does, and only the tests, which never crash the server, skip the wait.
     */
    public static EmbeddedPostgresServer start(
            int port, Path dataDirectory, boolean stopAtJvmExit, boolean durableCommits) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(stopAtJvmExit)
                    .setServerConfig("synchronous_commit", durableCommits ? "on" : "off");
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

    /**
     * Crashes PostgreSQL as a machine or process failure would: an immediate shutdown (SIGQUIT to the postmaster,
     * what {@code pg_ctl stop -m immediate} sends), no checkpoint, every connection cut. {@link #startAgain()}
     * recovers it from its write-ahead log. For the fault suite. (Not pg_ctl: it refuses to run as root, as the
     * machines this suite runs on do.)
     */
    public void crash() {
        ProcessHandle postmaster = ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/bin/postgres"))
                .filter(process -> List.of(process.info().arguments().orElse(new String[0]))
                        .contains(Integer.toString(port())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Cannot find the postmaster on port " + port()));
        // As zonky does: in a user namespace of its own, where root is an unprivileged user, since the server
        // refuses to run as root and the machines this runs on log in as root.
        postmasterCommand = new ArrayList<>(List.of("unshare", "-U"));
        postmasterCommand.add(postmaster.info().command().orElseThrow());
        postmasterCommand.addAll(List.of(postmaster.info().arguments().orElseThrow()));
        signal("QUIT", postmaster.pid());
        postmaster.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        log.warn("Embedded PostgreSQL crashed on purpose");
    }

    /** Starts a crashed server again with the same command line: same data, port and settings. */
    public void startAgain() {
        try {
            restarted = new ProcessBuilder(postmasterCommand)
                    .redirectErrorStream(true)
                    .redirectOutput(restartLog().toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL again", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection db = DriverManager.getConnection(jdbcUrl(), username(), password())) {
                log.info("Embedded PostgreSQL is back on port {}", port());
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline || !restarted.isAlive()) {
                    throw new IllegalStateException("PostgreSQL did not come back; see " + restartLog(), e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted", interrupted);
                }
            }
        }
    }

    private Path restartLog() {
        return Path.of(System.getProperty("java.io.tmpdir"), "postgres-" + port() + "-restart.log");
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        if (restarted != null && restarted.isAlive()) {
            // The server zonky started is gone; this one is ours to stop (SIGINT: fast shutdown).
            signal("INT", restarted.pid());
            try {
                if (!restarted.waitFor(30, TimeUnit.SECONDS)) {
                    restarted.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            if (restarted == null) {
                throw new UncheckedIOException("Cannot stop embedded PostgreSQL", new IOException(e));
            }
            // After a restart zonky's handle points at the crashed server; its clean-up may complain.
            log.debug("zonky's stop after a restart: {}", e.toString());
        }
    }
}
