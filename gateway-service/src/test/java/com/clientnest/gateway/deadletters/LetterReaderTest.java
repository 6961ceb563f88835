package com.clientnest.gateway.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LetterReaderTest {

    private static final Instant AT = Instant.parse("2026-11-25T22:00:00Z");

    private final LetterReader reader = new LetterReader(
            new AvroSingleObjectDeserializer(), JsonMapper.builder().build());

    @Test
    void readsAnUnreadableRequestLetterWithoutFailingAndMakesItsTextSafeForPostgres() {
        // Given a record that is no event, with a NUL in its message and a malformed offset header
        UUID requestId = UUID.randomUUID();
        byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON_CODE, bytes("invalid_request"));
        headers.add(DeadLetterHeaders.MESSAGE, bytes("bad\u0000byte"));
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, bytes("ai.requests.normal"));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, bytes("2"));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, bytes("twelve"));
        ConsumerRecord<String, byte[]> record = record("ai.requests.dlt", requestId.toString(), value, headers);

        // When
        IncomingLetter letter = reader.read(record, false);

        // Then
        assertThat(letter)
                .isEqualTo(new IncomingLetter(
                        "ai.requests.dlt",
                        0,
                        7,
                        requestId.toString(),
                        value,
                        "[{\"name\":\"clientnest.dlt.reason-code\",\"value\":\"aW52YWxpZF9yZXF1ZXN0\"},"
                                + "{\"name\":\"clientnest.dlt.message\",\"value\":\"YmFkAGJ5dGU=\"},"
                                + "{\"name\":\"clientnest.dlt.original-topic\",\"value\":\"YWkucmVxdWVzdHMubm9ybWFs\"},"
                                + "{\"name\":\"clientnest.dlt.original-partition\",\"value\":\"Mg==\"},"
                                + "{\"name\":\"clientnest.dlt.original-offset\",\"value\":\"dHdlbHZl\"}]",
                        "invalid_request",
                        "bad\uFFFDbyte",
                        null,
                        "ai.requests.normal",
                        2,
                        null,
                        null,
                        requestId,
                        null,
                        null,
                        AT));
    }

    @Test
    void takesTheUserFromTheKeyOfAUsageLetterAndCallsAMissingReasonUnknown() {
        // Given an undecodable usage letter without failure headers
        ConsumerRecord<String, byte[]> record =
                record("ai.usage.dlt", "user-1", new byte[] {1, 2}, new RecordHeaders());

        // When
        IncomingLetter letter = reader.read(record, true);

        // Then
        assertThat(Optional.of(letter)
                        .map(l -> l.userId() + " " + l.requestId() + " " + l.reasonCode() + " " + l.headersJson()))
                .contains("user-1 null unknown []");
    }

    private static ConsumerRecord<String, byte[]> record(
            String topic, String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(
                topic,
                0,
                7,
                AT.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                value.length,
                key,
                value,
                headers,
                Optional.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
