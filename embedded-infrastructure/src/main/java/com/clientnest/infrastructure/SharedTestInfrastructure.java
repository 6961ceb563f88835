package com.clientnest.infrastructure;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker and one database per test JVM, started on first use and stopped when the JVM exits, so every
 * integration test and every cached Spring context shares them. The system property or environment variable
 * {@code clientnest.test.infrastructure} ({@code CLIENTNEST_TEST_INFRASTRUCTURE}) chooses {@code embedded}
 * (the default, needs only a JDK) or {@code testcontainers} (needs a Docker engine).
 */
public final class SharedTestInfrastructure {

    public static final String SELECTOR_PROPERTY = "clientnest.test.infrastructure";

    private static final Logger log = LoggerFactory.getLogger(SharedTestInfrastructure.class);
    private static Infrastructure instance;

    private SharedTestInfrastructure() {}

    public static synchronized Infrastructure get() {
        if (instance == null) {
            // No shutdown hook of ours: the embedded broker deletes its own log directories at exit and the
            // embedded PostgreSQL stops itself, and a second hook racing them only produces noise.
            instance = startSelected();
        }
        return instance;
    }

    private static Infrastructure startSelected() {
        String selected = System.getProperty(SELECTOR_PROPERTY, System.getenv("CLIENTNEST_TEST_INFRASTRUCTURE"));
        String kind = selected == null ? "embedded" : selected.trim().toLowerCase(Locale.ROOT);
        log.info("Starting shared test infrastructure: {}", kind);
        return switch (kind) {
            case "embedded" -> EmbeddedInfrastructure.start(0, 0, null, false, false);
            case "testcontainers" -> ContainerInfrastructure.start();
            default ->
                throw new IllegalArgumentException(
                        SELECTOR_PROPERTY + " must be 'embedded' or 'testcontainers', not '" + selected + "'");
        };
    }
}
