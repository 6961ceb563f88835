package com.clientnest.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.RequestType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSingleObjectSerdeTest {

    private final AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();
    private final AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();

    static Stream<SpecificRecord> everyEvent() {
        return Stream.of(
                EventMother.sentimentRequested(),
                EventMother.sentimentCompleted(),
                EventMother.failed(),
                EventMother.usageRecorded(),
                EventMother.quotaWarning());
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventSurvivesARoundTripUnchanged(SpecificRecord event) {
        // When
        byte[] bytes = serializer.serialize("any", event);

        // Then
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(deserializer.deserialize("any", bytes)).isEqualTo(event);
    }

    @Test
    void aMessageWrittenWithAnOlderSchemaReadsIntoTheCurrentClassWithDefaults() throws IOException {
        // Given an older AiFailed schema without the attempts and deadLettered fields, shipped as history
        Schema older = parse("schemas/older/AiFailed-without-attempts.avsc");
        var schemas = new AvroSingleObjectDeserializer(EventSchemas.withHistory(Map.of("AiFailed", List.of(older))));
        GenericRecord old = new GenericData.Record(older);
        old.put("eventId", "e-9");
        old.put("occurredAt", EventMother.AT.toEpochMilli());
        old.put("requestId", "r-9");
        old.put("userId", "u-9");
        old.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "SENTIMENT_ANALYSIS"));
        old.put("reasonCode", "retries_exhausted");
        old.put("message", "503 three times");
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);

        // When
        SpecificRecord read = schemas.deserialize("ai.results", toArray(encoded));

        // Then
        assertThat(read)
                .isEqualTo(AiFailed.newBuilder()
                        .setEventId("e-9")
                        .setOccurredAt(EventMother.AT)
                        .setRequestId("r-9")
                        .setUserId("u-9")
                        .setType(RequestType.SENTIMENT_ANALYSIS)
                        .setReasonCode("retries_exhausted")
                        .setMessage("503 three times")
                        .setAttempts(1)
                        .setDeadLettered(false)
                        .build());
    }

    @Test
    void aMessageWithAnUnknownSchemaFingerprintIsRefusedWithAClearError() {
        // Given a single-object header with a fingerprint no shipped schema has
        byte[] bytes = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};

        // When / Then
        assertThatThrownBy(() -> deserializer.deserialize("ai.usage", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema fingerprint");
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreRefused() {
        assertThatThrownBy(() -> deserializer.deserialize("ai.usage", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Not an Avro single-object message on ai.usage");
    }

    @Test
    void nullPayloadsPassThroughAsTombstones() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    private static Schema parse(String resource) throws IOException {
        try (InputStream in = AvroSingleObjectSerdeTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
