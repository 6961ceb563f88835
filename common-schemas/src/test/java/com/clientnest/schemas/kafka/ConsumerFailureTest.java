package com.clientnest.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class ConsumerFailureTest {

    @Test
    void retriesOutagesOfTheDatabaseOrBrokerAndDeadLettersEverythingElseWithItsReason() {
        // Given failures as a listener container reports them, wrapped
        Map<String, Exception> failures = Map.of(
                "database unreachable",
                wrapped(new DataAccessResourceFailureException("no connection", new ConnectException("refused"))),
                "no transaction could start",
                wrapped(new CannotCreateTransactionException("pool exhausted")),
                "query timed out",
                wrapped(new QueryTimeoutException("slow")),
                "connection lost mid-statement",
                wrapped(new RuntimeException(new SQLException("I/O error", "08006"))),
                "broker timed out",
                wrapped(new IllegalStateException(new TimeoutException("no ack"))),
                "NUL in jsonb",
                wrapped(new DataIntegrityViolationException(
                        "bad", new SQLException("unsupported Unicode escape sequence", "22P05"))),
                "bytes of no known schema",
                wrapped(new SerializationException("not single-object encoded")),
                "a bug or a bad field",
                wrapped(new IllegalArgumentException("negative tokens")));

        // When
        Map<String, ConsumerFailure> decided = failures.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> ConsumerFailure.classify(entry.getValue())));

        // Then
        assertThat(decided)
                .isEqualTo(Map.of(
                        "database unreachable", ConsumerFailure.TRANSIENT,
                        "no transaction could start", ConsumerFailure.TRANSIENT,
                        "query timed out", ConsumerFailure.TRANSIENT,
                        "connection lost mid-statement", ConsumerFailure.TRANSIENT,
                        "broker timed out", ConsumerFailure.TRANSIENT,
                        "NUL in jsonb", ConsumerFailure.REJECTED_BY_DATABASE,
                        "bytes of no known schema", ConsumerFailure.UNDECODABLE,
                        "a bug or a bad field", ConsumerFailure.UNPROCESSABLE));
    }

    @Test
    void onlyTheTransientFailureIsRetriedAndEveryCodeIsDistinct() {
        Map<String, Boolean> retriedByCode = Stream.of(ConsumerFailure.values())
                .collect(Collectors.toMap(ConsumerFailure::code, ConsumerFailure::retried));

        assertThat(retriedByCode)
                .isEqualTo(Map.of(
                        "transient", true,
                        "undecodable", false,
                        "rejected_by_database", false,
                        "unprocessable", false));
    }

    private static Exception wrapped(Exception cause) {
        return new ListenerExecutionFailedException("Listener failed", cause);
    }
}
