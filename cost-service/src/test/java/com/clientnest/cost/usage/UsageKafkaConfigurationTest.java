package com.clientnest.cost.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.cost.ShippedConfiguration;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOffExecution;

class UsageKafkaConfigurationTest {

    private static final String USAGE = new Topics("").usage().name();
    // Millisecond waits keep the test fast; the classification does not depend on them.
    private static final UsageProperties.Retry QUICK =
            new UsageProperties.Retry(Duration.ofMillis(1), 2.0, Duration.ofMillis(2));
    // Far more attempts than fit into the ten minutes after which a billed call used to be dropped.
    private static final int ATTEMPTS = 30;

    private final List<String> skipped = new ArrayList<>();
    private final DefaultErrorHandler handler = UsageKafkaConfiguration.errorHandler(
            QUICK,
            (record, failure) -> skipped.add(record.offset() + " "
                    + NestedExceptionUtils.getMostSpecificCause(failure)
                            .getClass()
                            .getSimpleName()));
    private final MockConsumer<String, Object> consumer = new MockConsumer<>("earliest");
    private final KafkaMessageListenerContainer<String, Object> container = new KafkaMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties(USAGE));

    @Test
    void keepsRetryingAUsageEventForAsLongAsTheDatabaseIsAway() {
        // Given usage events whose recording fails the ways a database outage makes it fail
        List<RuntimeException> outages = List.of(
                new DataAccessResourceFailureException("database unreachable"),
                new CannotGetJdbcConnectionException("connection refused"),
                new TransientDataAccessResourceException("failover in progress"),
                new QueryTimeoutException("statement timed out"),
                new IllegalStateException("anything not known to be a bad event"));

        // When each of them fails again and again
        Map<String, List<Boolean>> skippedPerAttempt = new LinkedHashMap<>();
        for (int offset = 0; offset < outages.size(); offset++) {
            RuntimeException outage = outages.get(offset);
            ConsumerRecord<String, Object> record = new ConsumerRecord<>(USAGE, 0, offset, "user-1", null);
            List<Boolean> attempts = new ArrayList<>();
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                attempts.add(handler.handleOne(asTheContainerReportsIt(outage), record, consumer, container));
            }
            skippedPerAttempt.put(outage.getClass().getSimpleName(), attempts);
        }

        // Then every attempt asks for another delivery and none of them is given up
        List<Boolean> neverSkipped = Collections.nCopies(ATTEMPTS, false);
        assertThat(skippedPerAttempt)
                .containsExactly(
                        Map.entry("DataAccessResourceFailureException", neverSkipped),
                        Map.entry("CannotGetJdbcConnectionException", neverSkipped),
                        Map.entry("TransientDataAccessResourceException", neverSkipped),
                        Map.entry("QueryTimeoutException", neverSkipped),
                        Map.entry("IllegalStateException", neverSkipped));
        assertThat(skipped).isEmpty();
    }

    @Test
    void skipsAtOnceAnEventThatCannotBeDeserializedOrIsInvalid() {
        // Given a record that is no event and an event with an invalid field
        Exception undecodable = new DeserializationException("not avro", new byte[] {1, 2}, false, null);
        Exception invalid = new InvalidUsageEvent("eventId: not a UUID: 'x'");

        // When each fails for the first time
        boolean undecodableSkipped = handler.handleOne(
                asTheContainerReportsIt(undecodable),
                new ConsumerRecord<>(USAGE, 0, 0, "user-1", null),
                consumer,
                container);
        boolean invalidSkipped = handler.handleOne(
                asTheContainerReportsIt(invalid),
                new ConsumerRecord<>(USAGE, 0, 1, "user-1", null),
                consumer,
                container);

        // Then both are skipped without a retry
        assertThat(List.of(undecodableSkipped, invalidSkipped)).containsExactly(true, true);
        assertThat(skipped).containsExactly("0 DeserializationException", "1 InvalidUsageEvent");
    }

    @Test
    void shipsAnExponentialBackOffWithoutLimit() {
        // Given the shipped usage settings
        UsageProperties shipped = ShippedConfiguration.binder()
                .bind("clientnest.cost.usage", UsageProperties.class)
                .get();

        // When a record keeps failing ten thousand times
        BackOffExecution execution =
                UsageKafkaConfiguration.backOff(shipped.retry()).start();
        List<Long> waits = IntStream.range(0, 10_000)
                .mapToObj(attempt -> execution.nextBackOff())
                .toList();

        // Then the waits grow from 1 s to 30 s and stay there, and none is the signal to give up
        assertThat(shipped)
                .isEqualTo(new UsageProperties(
                        "cost-usage",
                        3,
                        new UsageProperties.Retry(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30)),
                        2000));
        assertThat(waits.subList(0, 7)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        assertThat(waits.subList(7, waits.size())).containsOnly(30000L).doesNotContain(BackOffExecution.STOP);
    }

    // A listener's exception reaches the error handler wrapped by the container.
    private static Exception asTheContainerReportsIt(Exception failure) {
        return new ListenerExecutionFailedException("Listener failed", failure);
    }
}
