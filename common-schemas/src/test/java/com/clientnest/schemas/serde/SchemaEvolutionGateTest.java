package com.clientnest.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaEvolutionGateTest {

    static List<Class<? extends SpecificRecord>> eventTypes() {
        return EventSchemas.shipped().eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventHasItsCurrentSchemaRecordedAsTheLatestVersion(Class<? extends SpecificRecord> type) {
        // Given
        Schema current = EventSchemas.currentSchema(type);
        List<Schema> history = EventSchemas.shipped().history(type);

        // Then
        assertThat(history)
                .as(
                        "common-schemas/src/main/resources/schemas/history/%s/ must hold at least v1.avsc",
                        type.getSimpleName())
                .isNotEmpty();
        assertThat(EventSchemas.fingerprint(history.get(history.size() - 1)))
                .as("""
                        %s.avsc changed: record it as the next version, \
                        schemas/history/%s/v%d.avsc, with this content:
                        %s""", type.getSimpleName(), type.getSimpleName(), history.size() + 1, current.toString(true))
                .isEqualTo(EventSchemas.fingerprint(current));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventIsFullyCompatibleWithAllOfItsEarlierVersions(Class<? extends SpecificRecord> type) {
        // Given
        Schema current = EventSchemas.currentSchema(type);

        // When
        List<String> violations =
                SchemaEvolutionGate.violations(current, EventSchemas.shipped().history(type));

        // Then
        assertThat(violations).isEmpty();
    }

    @Test
    void theGateRejectsANewRequiredFieldAndAChangedFieldType() throws IOException {
        // Given an AiRequested that adds a field without a default and turns userId into a long
        Schema incompatible = parse("schemas/incompatible/AiRequested-required-field-without-default.avsc");
        List<Schema> history = EventSchemas.shipped().history(com.clientnest.schemas.events.AiRequested.class);

        // When
        List<String> violations = SchemaEvolutionGate.violations(incompatible, history);

        // Then both directions are refused, naming the fields
        assertThat(violations)
                .anySatisfy(violation -> assertThat(violation)
                        .startsWith("cannot read messages written with v1")
                        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                        .contains("tenantId"))
                .anySatisfy(violation -> assertThat(violation)
                        .startsWith("cannot read messages written with v1")
                        .contains("TYPE_MISMATCH")
                        .contains("/fields/3/type"))
                .anySatisfy(violation ->
                        assertThat(violation).startsWith("v1 consumers cannot read messages written with it"));
    }

    @Test
    void theGateAcceptsAnOptionalFieldWithADefault() throws IOException {
        // Given the current AiFailed plus one optional field with a default
        Schema current = EventSchemas.currentSchema(com.clientnest.schemas.events.AiFailed.class);
        String json = current.toString()
                .replace(
                        "\"name\":\"deadLettered\"",
                        "\"name\":\"retryAfterMs\",\"type\":[\"null\",\"long\"],"
                                + "\"default\":null},{\"name\":\"deadLettered\"");
        Schema evolved = new Schema.Parser().parse(json);

        // When
        List<String> violations = SchemaEvolutionGate.violations(evolved, List.of(current));

        // Then
        assertThat(evolved.getField("retryAfterMs")).isNotNull();
        assertThat(violations).isEmpty();
    }

    private static Schema parse(String resource) throws IOException {
        try (InputStream in = SchemaEvolutionGateTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
