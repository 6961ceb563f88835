package com.clientnest.cost;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.TopicDescriptor;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes to the usage topic the way the worker does, with the catalogue's serializers, keyed by user. */
final class UsagePublisher implements AutoCloseable {

    private final TopicDescriptor topic;
    private final KafkaProducer<String, SpecificRecord> events;
    private final KafkaProducer<String, byte[]> raw;

    UsagePublisher(TopicDescriptor topic) {
        this.topic = topic;
        String bootstrapServers = SharedTestInfrastructure.get().kafkaBootstrapServers();
        this.events = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, topic.keySerializer(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, topic.valueSerializer()));
        this.raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                topic.keySerializer(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    void publish(UsageRecorded event) throws ExecutionException, InterruptedException {
        events.send(new ProducerRecord<>(topic.name(), event.getUserId(), event))
                .get();
    }

    /** Bytes that are no usage event at all, on the same partition as the user's real events. */
    void publishGarbage(String userId, byte[] value) throws ExecutionException, InterruptedException {
        raw.send(new ProducerRecord<>(topic.name(), userId, value)).get();
    }

    @Override
    public void close() {
        events.close();
        raw.close();
    }
}
