package com.clientnest.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads single-object-encoded events into the generated classes of this jar. The writer schema is found by
 * the fingerprint in the message among every shipped version ({@link EventSchemas}), then resolved to the
 * current class, so a message written before a compatible schema change still reads. One topic may carry
 * several event types (e.g. {@code ai.results}); callers switch on the returned class.
 */
public class AvroSingleObjectDeserializer implements Deserializer<SpecificRecord> {

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_LENGTH = 10;

    private final EventSchemas schemas;
    private final Map<Long, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();

    public AvroSingleObjectDeserializer() {
        this(EventSchemas.shipped());
    }

    AvroSingleObjectDeserializer(EventSchemas schemas) {
        AvroTrust.trustEventClasses();
        this.schemas = schemas;
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH || data[0] != MARKER_0 || data[1] != MARKER_1) {
            throw new SerializationException("Not an Avro single-object message on " + topic);
        }
        long fingerprint =
                ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        try {
            BinaryDecoder decoder =
                    DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null);
            return readers.computeIfAbsent(fingerprint, this::readerFor).read(null, decoder);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException serializationException) {
                throw serializationException;
            }
            throw new SerializationException("Cannot decode a message on " + topic, e);
        }
    }

    private SpecificDatumReader<SpecificRecord> readerFor(long fingerprint) {
        Schema writer = schemas.writerSchema(fingerprint);
        if (writer == null) {
            throw new SerializationException("Unknown schema fingerprint " + Long.toHexString(fingerprint)
                    + ": the message was written with a schema this service does not ship");
        }
        Class<? extends SpecificRecord> type = schemas.typeNamed(writer.getFullName());
        if (type == null) {
            throw new SerializationException("No event class for " + writer.getFullName());
        }
        Schema reader = EventSchemas.currentSchema(type);
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }
}
