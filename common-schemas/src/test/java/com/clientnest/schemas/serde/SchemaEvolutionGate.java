package com.clientnest.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Full transitive compatibility: a new schema must read every earlier version (consumers upgraded first) and
 * every earlier version must read the new one (producers upgraded first), because services roll out one at a
 * time and old messages stay on the topics.
 */
final class SchemaEvolutionGate {

    private SchemaEvolutionGate() {}

    /** Every incompatibility between a candidate schema and the earlier versions, empty when it may ship. */
    static List<String> violations(Schema candidate, List<Schema> earlierVersions) {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < earlierVersions.size(); i++) {
            Schema earlier = earlierVersions.get(i);
            String version = "v" + (i + 1);
            check(candidate, earlier, "cannot read messages written with " + version, violations);
            check(earlier, candidate, version + " consumers cannot read messages written with it", violations);
        }
        return violations;
    }

    private static void check(Schema reader, Schema writer, String meaning, List<String> violations) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult()
                    .getIncompatibilities()
                    .forEach(incompatibility -> violations.add(meaning + ": "
                            + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
                            + incompatibility.getMessage() + ")"));
        }
    }
}
