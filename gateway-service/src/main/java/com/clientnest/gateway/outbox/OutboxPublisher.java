package com.clientnest.gateway.outbox;

import com.clientnest.gateway.outbox.OutboxRepository.PendingRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends a batch of already-serialized records, stopping at the first that cannot be sent, and reports which of them
 * the broker acknowledged in time.
 */
@Component
class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxTracing tracing;

    OutboxPublisher(
            @Qualifier("outboxKafkaTemplate") KafkaTemplate<String, byte[]> outboxKafkaTemplate,
            OutboxTracing tracing) {
        this.kafka = outboxKafkaTemplate;
        this.tracing = tracing;
    }

    /**
     * The ids of the records the broker acknowledged; the rest stay pending. Sending stops at the first record
     * the producer could not even hand over: a broker that is away makes every send block for {@code max.block.ms},
     * and trying the rest of the batch would only hold the transaction and its row locks that much longer.
     */
    List<Long> publish(List<PendingRecord> batch, Duration timeout) {
        // Send the whole batch first and wait afterwards, so the producer can pipeline it.
        Map<Long, CompletableFuture<SendResult<String, byte[]>>> sends = new LinkedHashMap<>();
        for (PendingRecord record : batch) {
            try {
                // Blocks up to max.block.ms for metadata and buffer space, then fails with an exception.
                sends.put(
                        record.id(),
                        tracing.sendInItsTrace(
                                record.headers(), record.topic(), () -> kafka.send(producerRecord(record))));
            } catch (RuntimeException e) {
                log.warn(
                        "Could not send outbox record {} to {}; the rest of the batch waits for the next sweep",
                        record.id(),
                        record.topic(),
                        e);
                break;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> acknowledged = new ArrayList<>();
        for (Map.Entry<Long, CompletableFuture<SendResult<String, byte[]>>> send : sends.entrySet()) {
            try {
                send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(send.getKey());
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Outbox record {} was not acknowledged by the broker", send.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }

    private static ProducerRecord<String, byte[]> producerRecord(PendingRecord pending) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(pending.topic(), pending.key(), pending.payload());
        pending.headers().forEach((name, value) -> record.headers().add(name, value));
        return record;
    }
}
