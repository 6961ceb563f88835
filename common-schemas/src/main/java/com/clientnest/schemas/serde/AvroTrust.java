package com.clientnest.schemas.serde;

import com.clientnest.schemas.events.AiRequested;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes outside a list of trusted packages. Our event classes
 * are trusted here, once per JVM, so no service has to remember a system property. The serdes do it; code that
 * builds an event with a record-array default (AiCompleted's variants) before any serde exists, such as a unit
 * test, calls it itself.
 */
public final class AvroTrust {

    private static final String EVENTS_PACKAGE = AiRequested.class.getPackageName();
    private static volatile boolean trusted;

    private AvroTrust() {}

    public static void trustEventClasses() {
        if (trusted) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (!trusted) {
                ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                        previous, type -> EVENTS_PACKAGE.equals(type.getPackageName())));
                trusted = true;
            }
        }
    }
}
