package com.clientnest.gateway.deadletters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the desk shows of a dead letter, in the list and when inspected; never the storage row itself. */
final class LetterViews {

    private LetterViews() {}

    record Summary(
            long id,
            String topic,
            String state,
            String reasonCode,
            String message,
            String requestId,
            String userId,
            String type,
            String originalTopic,
            Integer attempts,
            Instant deadLetteredAt,
            boolean replayable) {

        static Summary of(StoredLetter letter, boolean replayable) {
            return new Summary(
                    letter.id(),
                    letter.topic(),
                    letter.state().name(),
                    letter.reasonCode(),
                    letter.message(),
                    letter.requestId() == null ? null : letter.requestId().toString(),
                    letter.userId(),
                    letter.requestType(),
                    letter.originalTopic(),
                    letter.attempts(),
                    letter.deadLetteredAt(),
                    replayable);
        }
    }

    /** One page of the list, with the cursor of the next page (null on the last). */
    record PageView(List<Summary> deadLetters, String nextCursor) {}

    /**
     * @param event the decoded value as Avro JSON, null when it is no event of the suite
     * @param notReplayableBecause why a replay would be refused, null when it would not
     */
    record Detail(
            Summary summary,
            String key,
            String exceptionClass,
            int partition,
            long offset,
            Integer originalPartition,
            Long originalOffset,
            List<HeaderView> headers,
            JsonNode event,
            String valueBase64,
            Instant handledAt,
            String handledBy,
            String note,
            String notReplayableBecause,
            List<OpsAudit.Entry> actions) {}

    /** A header as text (UTF-8, for reading) and as its exact bytes. */
    record HeaderView(String name, String text, String base64) {}

    static List<HeaderView> headers(String headersJson, JsonMapper json) {
        List<HeaderView> views = new ArrayList<>();
        for (JsonNode header : json.readTree(headersJson)) {
            JsonNode value = header.get("value");
            String base64 = value == null || value.isNull() ? null : value.asString();
            String text =
                    base64 == null ? null : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            views.add(new HeaderView(header.get("name").asString(), text, base64));
        }
        return views;
    }

    /** The event in Avro's own JSON encoding, so every field and union branch shows as the schema has it. */
    static JsonNode eventJson(SpecificRecord event, JsonMapper json) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(event.getSchema(), out);
            new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
            encoder.flush();
            return json.readTree(out.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
