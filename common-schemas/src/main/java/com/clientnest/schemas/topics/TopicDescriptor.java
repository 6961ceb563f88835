package com.clientnest.schemas.topics;

import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One topic of the suite: its full name (prefix included), partition count, what its key means, the event
 * types its values may hold, the serde classes to configure by name, and any topic configuration the broker must
 * be given when it creates it (e.g. compaction).
 */
public record TopicDescriptor(
        String name,
        int partitions,
        String keyMeaning,
        Set<Class<? extends SpecificRecord>> valueTypes,
        Map<String, String> configs) {

    public TopicDescriptor {
        configs = Map.copyOf(configs);
    }

    /** A topic with the broker's default configuration. */
    public TopicDescriptor(
            String name, int partitions, String keyMeaning, Set<Class<? extends SpecificRecord>> valueTypes) {
        this(name, partitions, keyMeaning, valueTypes, Map.of());
    }

    public Class<? extends Serializer<String>> keySerializer() {
        return StringSerializer.class;
    }

    public Class<? extends Deserializer<String>> keyDeserializer() {
        return StringDeserializer.class;
    }

    public Class<? extends Serializer<SpecificRecord>> valueSerializer() {
        return AvroSingleObjectSerializer.class;
    }

    public Class<? extends Deserializer<SpecificRecord>> valueDeserializer() {
        return AvroSingleObjectDeserializer.class;
    }

    public boolean carries(Class<? extends SpecificRecord> eventType) {
        return valueTypes.contains(eventType);
    }
}
