package com.clientnest.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.schemas.kafka.ConsumerErrorPolicy.Retry;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

class ConsumerErrorPolicyTest {

    private static final String RESULTS = new Topics("").results().name();
    // Millisecond waits keep the test fast; the classification does not depend on them.
    private static final Retry QUICK = new Retry(Duration.ofMillis(1), 2.0, Duration.ofMillis(2));
    // Far more than any fixed number of retries after which a record used to be given up.
    private static final int ATTEMPTS = 30;

    private final List<String> recovered = new ArrayList<>();
    private final DefaultErrorHandler handler = ConsumerErrorPolicy.handler(
            (record, failure) -> recovered.add(record.offset() + " "
                    + NestedExceptionUtils.getMostSpecificCause(failure)
                            .getClass()
                            .getSimpleName()),
            QUICK);
    private final MockConsumer<String, Object> consumer = new MockConsumer<>("earliest");
    private final KafkaMessageListenerContainer<String, Object> container = new KafkaMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties(RESULTS));

    @Test
    void keepsRetryingARecordForAsLongAsTheDatabaseIsAway() {
        // Given records whose processing fails the ways a database outage makes it fail
        List<RuntimeException> outages = List.of(
                new DataAccessResourceFailureException("database unreachable"),
                new CannotCreateTransactionException("could not open a connection"),
                new TransientDataAccessResourceException("failover in progress"),
                new QueryTimeoutException("statement timed out"));

        // When each of them fails many more times than any fixed number of retries
        Map<String, List<Boolean>> recoveredPerAttempt = new LinkedHashMap<>();
        for (int offset = 0; offset < outages.size(); offset++) {
            RuntimeException outage = outages.get(offset);
            ConsumerRecord<String, Object> record = record(offset);
            List<Boolean> attempts = new ArrayList<>();
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                attempts.add(handler.handleOne(asTheContainerReportsIt(outage), record, consumer, container));
            }
            recoveredPerAttempt.put(outage.getClass().getSimpleName(), attempts);
        }

        // Then every attempt asks for another delivery and none of them is given up
        List<Boolean> never = Collections.nCopies(ATTEMPTS, false);
        assertThat(recoveredPerAttempt)
                .containsExactly(
                        Map.entry("DataAccessResourceFailureException", never),
                        Map.entry("CannotCreateTransactionException", never),
                        Map.entry("TransientDataAccessResourceException", never),
                        Map.entry("QueryTimeoutException", never));
        assertThat(recovered).isEmpty();
    }

    @Test
    void handsARecordThatCanNeverBeProcessedToTheRecovererOnItsFirstFailure() {
        // Given a record that is no event, one the database refuses, and one that fails for another reason
        Exception undecodable = new DeserializationException("not avro", new byte[] {1, 2}, false, null);
        Exception refused =
                new DataIntegrityViolationException("NUL", new SQLException("unsupported Unicode escape", "22P05"));
        Exception unexplained = new IllegalStateException("not known to be an outage");

        // When each fails for the first time
        List<Boolean> handled = List.of(
                handler.handleOne(asTheContainerReportsIt(undecodable), record(0), consumer, container),
                handler.handleOne(asTheContainerReportsIt(refused), record(1), consumer, container),
                handler.handleOne(asTheContainerReportsIt(unexplained), record(2), consumer, container));

        // Then all three are recovered without a retry, so the records behind them go on
        assertThat(handled).containsExactly(true, true, true);
        assertThat(recovered)
                .containsExactly("0 DeserializationException", "1 SQLException", "2 IllegalStateException");
    }

    @Test
    void writesTheReasonAndTheOriginOfADeadLetterIntoTheSuitesHeaders() {
        // Given a result the database refused
        ConsumerRecord<String, Object> record = new ConsumerRecord<>(RESULTS, 2, 41, "request-41", null);
        Exception failure = asTheContainerReportsIt(new DataIntegrityViolationException(
                "could not update", new SQLException("unsupported Unicode escape sequence", "22P05")));

        // When
        Headers headers = ConsumerErrorPolicy.headers(record, failure);

        // Then
        Map<String, String> values = new LinkedHashMap<>();
        StreamSupport.stream(headers.spliterator(), false)
                .forEach(header -> values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        assertThat(values)
                .containsExactly(
                        Map.entry(DeadLetterHeaders.REASON_CODE, "rejected_by_database"),
                        Map.entry(DeadLetterHeaders.MESSAGE, "unsupported Unicode escape sequence"),
                        Map.entry(DeadLetterHeaders.EXCEPTION_CLASS, "java.sql.SQLException"),
                        Map.entry(DeadLetterHeaders.ORIGINAL_TOPIC, "ai.results"),
                        Map.entry(DeadLetterHeaders.ORIGINAL_PARTITION, "2"),
                        Map.entry(DeadLetterHeaders.ORIGINAL_OFFSET, "41"),
                        Map.entry(DeadLetterHeaders.ATTEMPTS, "1"));
    }

    @Test
    void backsOffExponentiallyUpToTheLongestWaitAndNeverStops() {
        // Given the shipped back-off: 1 s doubling up to 30 s
        BackOffExecution execution = ConsumerErrorPolicy.unboundedBackOff(
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
