package com.clientnest.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any generated event in Avro's single-object encoding: a two-byte marker, the 8-byte fingerprint of
 * the writer schema, then the binary datum. Configure it by class name in Kafka's {@code value.serializer}.
 */
public class AvroSingleObjectSerializer implements Serializer<SpecificRecord> {

    private final Map<Schema, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    public AvroSingleObjectSerializer() {
        AvroTrust.trustEventClasses();
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord record) {
        if (record == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoders.computeIfAbsent(record.getSchema(), AvroSingleObjectSerializer::encoderFor)
                    .encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException(
                    "Cannot encode " + record.getSchema().getFullName(), e);
        } catch (UncheckedIOException e) {
            throw new SerializationException(
                    "Cannot encode " + record.getSchema().getFullName(), e.getCause());
        }
    }

    private static BinaryMessageEncoder<SpecificRecord> encoderFor(Schema schema) {
        return new BinaryMessageEncoder<>(SpecificData.getForSchema(schema), schema);
    }
}
