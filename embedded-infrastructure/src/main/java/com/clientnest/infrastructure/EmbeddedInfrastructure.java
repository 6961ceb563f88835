package com.clientnest.infrastructure;

import java.nio.file.Path;

/** Kafka and PostgreSQL in this JVM and its child process: nothing to install, nothing left running. */
public final class EmbeddedInfrastructure implements Infrastructure {

    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedPostgresServer postgres;

    private EmbeddedInfrastructure(EmbeddedKafkaBroker kafka, EmbeddedPostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts both on the given ports, 0 for free ones; PostgreSQL keeps its data in the given directory (null for a
     * temporary one). PostgreSQL stops by itself at JVM exit unless {@code closedByCaller}.
     */
    public static EmbeddedInfrastructure start(
            int kafkaPort, int postgresPort, Path postgresDataDirectory, boolean closedByCaller) {
        return start(kafkaPort, postgresPort, postgresDataDirectory, closedByCaller, true);
    }

    /**
     * As {@link #start(int, int, Path, boolean)}; without {@code durableCommits} a commit does not wait for
     * PostgreSQL's write-ahead log, which only tests, where the server never crashes, can afford.
     */
    public static EmbeddedInfrastructure start(
            int kafkaPort,
            int postgresPort,
            Path postgresDataDirectory,
            boolean closedByCaller,
            boolean durableCommits) {
        EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.start(postgresPort, postgresDataDirectory, !closedByCaller, durableCommits);
        try {
            return new EmbeddedInfrastructure(EmbeddedKafkaBroker.start(kafkaPort), postgres);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    public String databaseUsername() {
        return postgres.username();
    }

    @Override
    public String databasePassword() {
        return postgres.password();
    }

    /** The broker, stopped and started again with its data (fault suite; a broker on a fixed port only). */
    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /** PostgreSQL, crashed and started again with its data (fault suite). */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
