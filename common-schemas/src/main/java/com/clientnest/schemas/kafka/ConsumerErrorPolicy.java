package com.clientnest.schemas.kafka;

import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.TopicDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The one error policy of every ordinary (non-share) consumer of the suite. A failure is {@link
 * ConsumerFailure#classify classified}: an outage is retried with exponential back-off and without limit, since a
 * record given up would be a result or a billed call lost; anything else is handed at once to a recoverer, so a
 * record that can never be processed never blocks its partition. The recoverer is normally {@link #deadLettering}
 * into the topic's dead-letter topic, with the suite's {@link DeadLetterHeaders} beside spring-kafka's own.
 *
 * <p>Batch listeners use the same handler: they throw {@code BatchListenerFailedException} naming the failed
 * record, so the records before it are committed, that one is classified, and the rest are delivered again.
 */
public final class ConsumerErrorPolicy {

    private static final BackOff AT_ONCE = new FixedBackOff(0, 0);

    private ConsumerErrorPolicy() {}

    /** An error handler that dead-letters what is not an outage to {@code deadLetters}. */
    public static DefaultErrorHandler deadLettering(
            KafkaOperations<?, ?> template, TopicDescriptor deadLetters, Retry retry) {
        return handler(deadLetterRecoverer(template, deadLetters), retry);
    }

    /**
     * An error handler with another recoverer, for a listener of a dead-letter topic itself, which has nowhere
     * further to send a record.
     */
    public static DefaultErrorHandler handler(ConsumerRecordRecoverer recoverer, Retry retry) {
        BackOff unbounded = unboundedBackOff(retry);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, unbounded);
        handler.setBackOffFunction(
                (record, failure) -> ConsumerFailure.classify(failure).retried() ? unbounded : AT_ONCE);
        // A record recovered after a long outage must not be retried again because a rebalance lost its offset.
        handler.setCommitRecovered(true);
        return handler;
    }

    /** Publishes the record as it was read, key and bytes, to the dead-letter topic, with why and where from. */
    public static DeadLetterPublishingRecoverer deadLetterRecoverer(
            KafkaOperations<?, ?> template, TopicDescriptor deadLetters) {
        // A negative partition lets the producer's partitioner place the letter by its key.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(deadLetters.name(), -1));
        recoverer.setHeadersFunction(ConsumerErrorPolicy::headers);
        // The reason and message are in the suite's headers; a stack trace per letter is only noise to review.
        recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE);
        return recoverer;
    }

    static Headers headers(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        RecordHeaders headers = new RecordHeaders();
        add(
                headers,
                DeadLetterHeaders.REASON_CODE,
                ConsumerFailure.classify(failure).code());
        add(headers, DeadLetterHeaders.MESSAGE, String.valueOf(cause.getMessage()));
        add(headers, DeadLetterHeaders.EXCEPTION_CLASS, cause.getClass().getName());
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        // Only failures that are not outages reach a recoverer, and those are not retried.
        add(headers, DeadLetterHeaders.ATTEMPTS, "1");
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Exponential and unbounded: neither a number of attempts nor an elapsed time ends it. */
    static ExponentialBackOff unboundedBackOff(Retry retry) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    /**
     * The back-off of a record that fails during an outage.
     *
     * @param initialInterval first wait
     * @param multiplier growth of each wait
     * @param maxInterval longest single wait
     */
    public record Retry(Duration initialInterval, double multiplier, Duration maxInterval) {}
}
