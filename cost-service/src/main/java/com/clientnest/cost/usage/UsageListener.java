package com.clientnest.cost.usage;

import com.clientnest.schemas.kafka.ConsumerFailure;
import com.clientnest.schemas.kafka.TraceHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Feeds each batch of the usage topic to the {@link UsageRecorder}: the events that can be recorded in one
 * transaction, then the ones that never can to the usage dead-letter topic. An outage (the database or the broker
 * away) fails the whole batch, which is delivered again; recording is idempotent on the event id.
 *
 * <p>An event the database refuses for good (a NUL in a text field, ...) fails the batch's transaction for every
 * event in it, so the batch is then recorded one event at a time to find it; it is reported by position, and the
 * suite's {@link com.clientnest.schemas.kafka.ConsumerErrorPolicy} commits what came before it, dead-letters it and
 * delivers the rest again.
 */
@Component
class UsageListener {

    private final UsageRecorder recorder;
    private final UsageDeadLetters deadLetters;
    private final Propagator propagator;

    UsageListener(UsageRecorder recorder, UsageDeadLetters deadLetters, Propagator propagator) {
        this.recorder = recorder;
        this.deadLetters = deadLetters;
        this.propagator = propagator;
    }

    @KafkaListener(
            id = UsageKafkaConfiguration.LISTENER_ID,
            idIsGroup = false,
            topics = "#{@topics.usage().name()}",
            containerFactory = UsageKafkaConfiguration.CONTAINER_FACTORY)
    void onUsage(List<ConsumerRecord<String, byte[]>> records) {
        // One span per record, in the trace of the request the usage belongs to, covering the batch that records it:
        // a batch mixes many requests' traces, and spring-kafka observes record listeners only.
        List<Span> spans = records.stream()
                .map(record -> TraceHeaders.consumerSpan(propagator, record, record.topic() + " record usage")
                        .tag("messaging.batch.message_count", Integer.toString(records.size())))
                .toList();
        try {
            record(records);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    private void record(List<ConsumerRecord<String, byte[]>> records) {
        UsageBatch batch = UsageBatch.decode(records, deadLetters.deserializer());
        try {
            recorder.recordAll(batch.recordable());
        } catch (RuntimeException e) {
            if (ConsumerFailure.classify(e).retried()) {
                throw e;
            }
            recordOneByOne(records, batch);
        }
        deadLetters.publish(batch.poison());
    }

    private void recordOneByOne(List<ConsumerRecord<String, byte[]>> records, UsageBatch batch) {
        for (int i = 0; i < batch.recordable().size(); i++) {
            try {
                recorder.recordAll(List.of(batch.recordable().get(i)));
            } catch (RuntimeException e) {
                if (ConsumerFailure.classify(e).retried()) {
                    throw e;
                }
                int position = records.indexOf(batch.sources().get(i));
                // The records before it count as done once this throws, so their poison must be on the broker.
                deadLetters.publish(batch.poison().stream()
                        .filter(poison -> records.indexOf(poison.record()) < position)
                        .toList());
                throw new BatchListenerFailedException("A usage event the database refuses", e, position);
            }
        }
    }
}
