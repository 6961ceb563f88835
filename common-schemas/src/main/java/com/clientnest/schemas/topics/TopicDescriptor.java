package com.clientnest.schemas.topics;

import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One topic of the suite: its full name (prefix included), partition count, what its key means, the event
 * types its values may hold, and the serde classes to configure by name.
 */
public record TopicDescriptor(
        String name, int partitions, String keyMeaning, Set<Class<? extends SpecificRecord>> valueTypes) {

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
