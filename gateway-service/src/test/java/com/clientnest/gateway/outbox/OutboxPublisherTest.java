package com.clientnest.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.outbox.OutboxRepository.PendingRecord;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.topics.Topics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class OutboxPublisherTest {

    private static final String LANE = new Topics("").lane(Lane.NORMAL).name();

    private final DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "127.0.0.1:" + closedPort(),
                    // Each send then gives up after this long instead of the shipped send-timeout.
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    300),
            new StringSerializer(),
            new ByteArraySerializer());
    private final List<String> attempted = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeProducers() {
        producers.destroy();
    }

    @Test
    void stopsTheBatchAtTheFirstRecordThatCannotBeSentWhileTheBrokerIsAway() {
        // Given a publisher whose broker cannot be reached, and a batch of three pending records
        OutboxPublisher publisher = new OutboxPublisher(
                new KafkaTemplate<>(producers) {
                    @Override
                    public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
                        attempted.add(record.key());
                        return super.send(record);
                    }
                },
                new OutboxTracing(Tracer.NOOP, Propagator.NOOP));
        List<PendingRecord> batch = List.of(
                new PendingRecord(1, LANE, "first", new byte[] {1}),
                new PendingRecord(2, LANE, "second", new byte[] {2}),
                new PendingRecord(3, LANE, "third", new byte[] {3}));

        // When
        List<Long> acknowledged = publisher.publish(batch, Duration.ofSeconds(5));

        // Then only the first record was tried (and blocked), none is acknowledged, and all stay pending
        assertThat(acknowledged).isEmpty();
        assertThat(attempted).containsExactly("first");
    }

    // A port nothing listens on, so connections are refused at once and no metadata ever arrives.
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
