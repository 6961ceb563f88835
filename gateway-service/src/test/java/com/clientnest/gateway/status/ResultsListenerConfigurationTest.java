package com.clientnest.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayProperties.Results.Retry;
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

class ResultsListenerConfigurationTest {

    private static final String RESULTS = new Topics("").results().name();
    // Millisecond waits keep the test fast; the classification does not depend on them.
    private static final Retry QUICK = new Retry(Duration.ofMillis(1), 2.0, Duration.ofMillis(2));
    // Far more than the five retries after which a record used to be skipped.
    private static final int ATTEMPTS = 30;

    private final List<String> skipped = new ArrayList<>();
    private final DefaultErrorHandler handler = ResultsListenerConfiguration.errorHandler(
            QUICK,
            (record, failure) -> skipped.add(record.offset() + " "
                    + NestedExceptionUtils.getMostSpecificCause(failure)
                            .getClass()
                            .getSimpleName()));
    private final MockConsumer<String, Object> consumer = new MockConsumer<>("earliest");
    private final KafkaMessageListenerContainer<String, Object> container = new KafkaMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties(RESULTS));

    @Test
    void keepsRetryingAResultForAsLongAsTheDatabaseIsAway() {
        // Given results whose update fails the ways a database outage makes it fail
        List<RuntimeException> outages = List.of(
                new DataAccessResourceFailureException("database unreachable"),
                new CannotGetJdbcConnectionException("connection refused"),
                new TransientDataAccessResourceException("failover in progress"),
                new QueryTimeoutException("statement timed out"),
                new IllegalStateException("anything not known to be a bad record"));

        // When each of them fails many more times than any fixed number of retries
        Map<String, List<Boolean>> skippedPerAttempt = new LinkedHashMap<>();
        for (int offset = 0; offset < outages.size(); offset++) {
            RuntimeException outage = outages.get(offset);
            ConsumerRecord<String, Object> record = record(offset);
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
    void skipsAtOnceARecordThatCannotBeDeserializedOrMapped() {
        // Given a record that is no event and one whose result cannot be mapped
        Exception undecodable = new DeserializationException("not avro", new byte[] {1, 2}, false, null);
        Exception unmappable =
                new InvalidResultEvent("unknown result type", new IllegalArgumentException("unknown result type"));

        // When each fails for the first time
        boolean undecodableSkipped =
                handler.handleOne(asTheContainerReportsIt(undecodable), record(0), consumer, container);
        boolean unmappableSkipped =
                handler.handleOne(asTheContainerReportsIt(unmappable), record(1), consumer, container);

        // Then both are skipped without a retry
        assertThat(List.of(undecodableSkipped, unmappableSkipped)).containsExactly(true, true);
        assertThat(skipped).containsExactly("0 DeserializationException", "1 IllegalArgumentException");
    }

    @Test
    void backsOffExponentiallyUpToTheLongestWaitAndNeverStops() {
        // Given the shipped back-off: 1 s doubling up to 30 s
        BackOffExecution execution = ResultsListenerConfiguration.backOff(
                        new Retry(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30)))
                .start();

        // When a record keeps failing ten thousand times
        List<Long> waits = IntStream.range(0, 10_000)
                .mapToObj(attempt -> execution.nextBackOff())
                .toList();

        // Then the waits grow to 30 s and stay there, and no wait is the signal to give up
        assertThat(waits.subList(0, 7)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        assertThat(waits.subList(7, waits.size())).containsOnly(30000L).doesNotContain(BackOffExecution.STOP);
    }

    private static ConsumerRecord<String, Object> record(long offset) {
        return new ConsumerRecord<>(RESULTS, 0, offset, "request-" + offset, null);
    }

    // A record listener's exception reaches the error handler wrapped by the container.
    private static Exception asTheContainerReportsIt(Exception failure) {
        return new ListenerExecutionFailedException("Listener failed", failure);
    }
}
