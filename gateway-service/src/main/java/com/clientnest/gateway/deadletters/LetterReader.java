package com.clientnest.gateway.deadletters;

import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a dead-letter record into what the desk stores. Nothing here may fail on a record, however broken: an
 * unreadable value is kept as bytes, header text is made safe for PostgreSQL (which refuses NUL in text), and
 * every header keeps its exact bytes in base64.
 */
final class LetterReader {

    static final String UNKNOWN_REASON = "unknown";

    private final Deserializer<SpecificRecord> events;
    private final JsonMapper json;

    LetterReader(Deserializer<SpecificRecord> events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    IncomingLetter read(ConsumerRecord<String, byte[]> record, boolean keyedByUser) {
        Optional<SpecificRecord> event = decode(record);
        UUID requestId = uuid(record.key())
                .filter(id -> !keyedByUser)
                .or(() -> event.flatMap(e -> field(e, "requestId")).flatMap(LetterReader::uuid))
                .orElse(null);
        String userId = event.flatMap(e -> field(e, "userId")).orElse(keyedByUser ? text(record.key()) : null);
        String type =
                event.flatMap(e -> field(e, "type")).map(LetterReader::wireType).orElse(null);
        return new IncomingLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                text(record.key()),
                record.value(),
                headersJson(record),
                header(record, DeadLetterHeaders.REASON_CODE).orElse(UNKNOWN_REASON),
                header(record, DeadLetterHeaders.MESSAGE).orElse(null),
                header(record, DeadLetterHeaders.EXCEPTION_CLASS).orElse(null),
                header(record, DeadLetterHeaders.ORIGINAL_TOPIC).orElse(null),
                header(record, DeadLetterHeaders.ORIGINAL_PARTITION)
                        .flatMap(LetterReader::integer)
                        .orElse(null),
                header(record, DeadLetterHeaders.ORIGINAL_OFFSET)
                        .flatMap(LetterReader::longValue)
                        .orElse(null),
                header(record, DeadLetterHeaders.ATTEMPTS)
                        .flatMap(LetterReader::integer)
                        .orElse(null),
                requestId,
                userId,
                type,
                Instant.ofEpochMilli(record.timestamp()));
    }

    private Optional<SpecificRecord> decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(events.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String headersJson(ConsumerRecord<String, byte[]> record) {
        List<Map<String, String>> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", text(header.key()));
            entry.put(
                    "value", header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
            headers.add(entry);
        }
        return json.writeValueAsString(headers);
    }

    private static Optional<String> header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return Optional.empty();
        }
        return Optional.of(text(new String(header.value(), StandardCharsets.UTF_8)));
    }

    private static Optional<String> field(SpecificRecord event, String name) {
        Schema.Field field = event.getSchema().getField(name);
        if (field == null) {
            return Optional.empty();
        }
        Object value = event.get(field.pos());
        return value == null ? Optional.empty() : Optional.of(text(value.toString()));
    }

    static String wireType(String avroType) {
        try {
            return switch (RequestType.valueOf(avroType)) {
                case SENTIMENT_ANALYSIS -> "sentiment";
                case CONTENT_GENERATION -> "content";
                case CONTENT_OPTIMIZATION -> "optimization";
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Text PostgreSQL will store: NUL, which it refuses in text and jsonb, becomes U+FFFD. */
    static String text(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> integer(String value) {
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> longValue(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
