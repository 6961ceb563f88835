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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Sends a batch of already-serialized records and reports which of them the broker acknowledged in time. */
@Component
class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;

    OutboxPublisher(KafkaTemplate<String, byte[]> outboxKafkaTemplate) {
        this.kafka = outboxKafkaTemplate;
    }

    /** The ids of the records the broker acknowledged; the rest stay pending. */
    List<Long> publish(List<PendingRecord> batch, Duration timeout) {
        // Send the whole batch first and wait afterwards, so the producer can pipeline it.
        Map<Long, CompletableFuture<SendResult<String, byte[]>>> sends = new LinkedHashMap<>();
        for (PendingRecord record : batch) {
            try {
                sends.put(record.id(), kafka.send(record.topic(), record.key(), record.payload()));
            } catch (RuntimeException e) {
                log.warn("Could not send outbox record {} to {}", record.id(), record.topic(), e);
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
}
