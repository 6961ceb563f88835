package com.clientnest.gateway.outbox;

import com.clientnest.schemas.topics.TopicDescriptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.BeanUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: an event to publish is written, already serialized, in the caller's database
 * transaction, so it exists exactly when the change it announces does. The relay publishes it after the commit.
 */
@Component
public class Outbox {

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final OutboxTracing tracing;
    private final Map<Class<?>, Serializer<SpecificRecord>> serializers = new ConcurrentHashMap<>();

    Outbox(OutboxRepository repository, OutboxRelay relay, OutboxTracing tracing) {
        this.repository = repository;
        this.relay = relay;
        this.tracing = tracing;
    }

    /** Queues the event for the topic under the key; must run inside the transaction that makes the change. */
    public void append(TopicDescriptor topic, String key, SpecificRecord event) {
        requireTransaction();
        byte[] payload = serializerFor(topic).serialize(topic.name(), event);
        repository.insert(topic.name(), key, payload, OutboxHeaders.toJson(tracing.withCurrentContext(Map.of())));
        wakeRelayAfterCommit();
    }

    /**
     * The event serialized for the topic, with the current trace context, to be appended later by {@link
     * #appendAll}: a submission prepares its event on its own thread, and a batch writer appends many at once.
     */
    public PreparedRecord prepare(TopicDescriptor topic, String key, SpecificRecord event) {
        return new PreparedRecord(
                topic.name(),
                key,
                serializerFor(topic).serialize(topic.name(), event),
                OutboxHeaders.toJson(tracing.withCurrentContext(Map.of())));
    }

    /** Queues prepared events in one round trip; must run inside the transaction that makes their changes. */
    public void appendAll(List<PreparedRecord> records) {
        requireTransaction();
        if (records.isEmpty()) {
            return;
        }
        repository.insertAll(records);
        wakeRelayAfterCommit();
    }

    /**
     * Queues bytes that are already a record's value, with headers, for the topic under the key; must run inside
     * the transaction that makes the change. For a record that goes back as it was, e.g. a replayed dead letter.
     */
    public void appendRaw(String topic, String key, byte[] payload, Map<String, byte[]> headers) {
        requireTransaction();
        repository.insert(topic, key, payload, OutboxHeaders.toJson(tracing.withCurrentContext(headers)));
        wakeRelayAfterCommit();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An outbox event must be written in the transaction of its change");
        }
    }

    // Published right after the commit rather than at the relay's next sweep.
    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    // The topic's serializer is chosen by class, as Kafka would configure it, so a deployment that swaps the
    // serde in the catalogue gets the same bytes in the outbox as on a direct send.
    @SuppressWarnings("unchecked")
    private Serializer<SpecificRecord> serializerFor(TopicDescriptor topic) {
        return serializers.computeIfAbsent(
                topic.valueSerializer(), type -> (Serializer<SpecificRecord>) BeanUtils.instantiateClass(type));
    }

    /** An event ready for the outbox: its topic, key, serialized value and headers (JSON, or null for none). */
    public record PreparedRecord(String topic, String key, byte[] payload, String headersJson) {}
}
