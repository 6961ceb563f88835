package com.clientnest.infrastructure;

import java.util.Map;

/** A running Kafka broker and PostgreSQL server, wherever they come from. */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    String jdbcUrl();

    String databaseUsername();

    String databasePassword();

    /** The Spring Boot properties that point a service at this infrastructure. */
    default Map<String, String> springProperties() {
        return Map.of(
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers(),
                "spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", databaseUsername(),
                "spring.datasource.password", databasePassword());
    }

    @Override
    void close();
}
