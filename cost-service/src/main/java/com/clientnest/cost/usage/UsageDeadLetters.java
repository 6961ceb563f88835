package com.clientnest.cost.usage;

import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends usage records that can never be recorded to {@code ai.usage.dlt}, byte for byte, with the reason and
 * where they came from in {@link DeadLetterHeaders}: they are billing data, kept for review rather than logged
 * and lost. The send is awaited, so a record is only passed once the broker holds its dead letter.
 */
@Component
class UsageDeadLetters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsageDeadLetters.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final TopicDescriptor topic;
    private final Deserializer<SpecificRecord> deserializer;
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;

    @SuppressWarnings("unchecked")
    UsageDeadLetters(KafkaProperties properties, Topics topics) {
        this.topic = topics.usageDeadLetters();
        this.deserializer = (Deserializer<SpecificRecord>)
                BeanUtils.instantiateClass(topics.usage().valueDeserializer());
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producers = new DefaultKafkaProducerFactory<>(config);
        this.kafka = new KafkaTemplate<>(producers);
    }

    /** The producer of usage dead letters, for the consumer error policy's recoverer too. */
    KafkaOperations<String, byte[]> kafka() {
        return kafka;
    }

    /** The usage topic's value deserializer, as the catalogue configures it. */
    Deserializer<SpecificRecord> deserializer() {
        return deserializer;
    }

    /** @throws IllegalStateException when the broker did not take them all; the batch is then retried */
    void publish(List<PoisonUsage> poison) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (PoisonUsage letter : poison) {
            log.warn(
                    "Usage record {}-{}@{} (key {}) goes to {}: {}: {}",
                    letter.record().topic(),
                    letter.record().partition(),
                    letter.record().offset(),
                    letter.record().key(),
                    topic.name(),
                    letter.reason().code(),
                    letter.message());
            sends.add(kafka.send(deadLetter(letter)));
        }
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("A usage dead letter was not acknowledged", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while dead-lettering usage", e);
            }
        }
    }

    private ProducerRecord<String, byte[]> deadLetter(PoisonUsage letter) {
        var record = new ProducerRecord<String, byte[]>(
                topic.name(), letter.record().key(), letter.record().value());
        header(record, DeadLetterHeaders.REASON_CODE, letter.reason().code());
        header(record, DeadLetterHeaders.MESSAGE, letter.message());
        header(record, DeadLetterHeaders.EXCEPTION_CLASS, letter.exceptionClass());
        header(record, DeadLetterHeaders.ORIGINAL_TOPIC, letter.record().topic());
        header(
                record,
                DeadLetterHeaders.ORIGINAL_PARTITION,
                Integer.toString(letter.record().partition()));
        header(
                record,
                DeadLetterHeaders.ORIGINAL_OFFSET,
                Long.toString(letter.record().offset()));
        header(record, DeadLetterHeaders.ATTEMPTS, "1");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
