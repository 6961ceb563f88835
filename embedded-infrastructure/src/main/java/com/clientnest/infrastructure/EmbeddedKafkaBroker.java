package com.clientnest.infrastructure;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.errors.InvalidUpdateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single-node Kafka cluster in KRaft mode, inside this JVM, with share groups (KIP-932) switched on. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final short SHARE_VERSION = 1;

    private final String bootstrapServers;
    private final AutoCloseable server;

    private EmbeddedKafkaBroker(String bootstrapServers, AutoCloseable server) {
        this.bootstrapServers = bootstrapServers;
        this.server = server;
    }

    /** Starts a broker on the given port, 0 for any free one. */
    public static EmbeddedKafkaBroker start(int port) {
        // One node: every internal topic, including the share-group state topic, has a single replica.
        Map<String, String> properties = Map.of(
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false");
        EmbeddedKafkaBroker started;
        if (port > 0) {
            FixedPortKafkaServer server = FixedPortKafkaServer.start(port, properties);
            started = new EmbeddedKafkaBroker(server.bootstrapServers(), server);
        } else {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperties(properties);
            broker.afterPropertiesSet();
            started = new EmbeddedKafkaBroker(broker.getBrokersAsString(), broker::destroy);
        }
        started.enableShareGroups();
        log.info("Embedded Kafka (KRaft) listening on {}", started.bootstrapServers());
        return started;
    }

    /** Stops the broker, keeping its data (fault suite); only a broker on a fixed port can come back. */
    public void stop() {
        fixed().stop();
        log.warn("Embedded Kafka stopped on purpose");
    }

    /** Starts a stopped broker again on its port with all its topics, offsets and share-group state. */
    public void startAgain() {
        fixed().startAgain();
        log.info("Embedded Kafka is back on {}", bootstrapServers);
    }

    private FixedPortKafkaServer fixed() {
        if (!(server instanceof FixedPortKafkaServer fixed)) {
            throw new UnsupportedOperationException("Only a broker started on a fixed port can be restarted");
        }
        return fixed;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    // A freshly formatted cluster may start with share.version 0, where share consumers are refused.
    private void enableShareGroups() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.updateFeatures(
                            Map.of(
                                    "share.version",
                                    new FeatureUpdate(SHARE_VERSION, FeatureUpdate.UpgradeType.UPGRADE)),
                            new UpdateFeaturesOptions())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof InvalidUpdateVersionException)) {
                throw new IllegalStateException("Cannot enable share groups on the embedded broker", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while enabling share groups", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out enabling share groups on the embedded broker", e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the embedded broker", e);
        }
    }
}
