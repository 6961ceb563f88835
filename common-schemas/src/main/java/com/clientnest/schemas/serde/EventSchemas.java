package com.clientnest.schemas.serde;

import com.clientnest.schemas.events.AiCancelled;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.AiStarted;
import com.clientnest.schemas.events.QuotaWarningRaised;
import com.clientnest.schemas.events.UsageRecorded;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every event the suite publishes, with the current schema compiled into its class and every earlier version
 * shipped under {@code schemas/history/<Name>/v<N>.avsc}. Messages carry only a schema fingerprint, so this
 * catalogue is what lets a consumer read a message written by an older (or newer) producer.
 */
public final class EventSchemas {

    private static final List<Class<? extends SpecificRecord>> EVENT_TYPES = List.of(
            AiRequested.class,
            AiCompleted.class,
            AiFailed.class,
            UsageRecorded.class,
            QuotaWarningRaised.class,
            AiStarted.class,
            AiCancelled.class);

    private static final EventSchemas SHIPPED = load();

    private final Map<String, Class<? extends SpecificRecord>> typesByName;
    private final Map<String, List<Schema>> historyByName;
    private final Map<Long, Schema> schemasByFingerprint;

    private EventSchemas(
            Map<String, Class<? extends SpecificRecord>> typesByName, Map<String, List<Schema>> historyByName) {
        this.typesByName = typesByName;
        this.historyByName = historyByName;
        this.schemasByFingerprint = new java.util.HashMap<>();
        typesByName.values().forEach(type -> register(currentSchema(type)));
        historyByName.values().forEach(versions -> versions.forEach(this::register));
    }

    /** A catalogue with extra historical versions, for tests of schema resolution. */
    static EventSchemas withHistory(Map<String, List<Schema>> historyByName) {
        return new EventSchemas(SHIPPED.typesByName, historyByName);
    }

    /** The schemas shipped in this jar: the compiled ones and their history. */
    public static EventSchemas shipped() {
        return SHIPPED;
    }

    public List<Class<? extends SpecificRecord>> eventTypes() {
        return EVENT_TYPES;
    }

    /** Earlier versions of an event's schema, oldest first; the last is the one published most recently. */
    public List<Schema> history(Class<? extends SpecificRecord> type) {
        return historyByName.getOrDefault(type.getSimpleName(), List.of());
    }

    public static Schema currentSchema(Class<? extends SpecificRecord> type) {
        try {
            return (Schema) type.getMethod("getClassSchema").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Not a generated Avro class: " + type, e);
        }
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    Schema writerSchema(long fingerprint) {
        return schemasByFingerprint.get(fingerprint);
    }

    Class<? extends SpecificRecord> typeNamed(String fullName) {
        return typesByName.get(fullName);
    }

    private void register(Schema schema) {
        schemasByFingerprint.put(fingerprint(schema), schema);
    }

    private static EventSchemas load() {
        Map<String, Class<? extends SpecificRecord>> types = EVENT_TYPES.stream()
                .collect(
                        Collectors.toUnmodifiableMap(type -> currentSchema(type).getFullName(), Function.identity()));
        Map<String, List<Schema>> history = EVENT_TYPES.stream()
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, type -> loadHistory(type.getSimpleName())));
        return new EventSchemas(types, history);
    }

    // Versions are numbered from 1 without gaps, so probing until the first missing file finds them all
    // without a hand-kept index.
    private static List<Schema> loadHistory(String eventName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = "schemas/history/" + eventName + "/v" + version + ".avsc";
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    return Collections.unmodifiableList(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        }
    }
}
