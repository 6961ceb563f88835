package com.clientnest.gateway.submission;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an optimisation should improve. Written in lower case on the wire. */
enum OptimizationType {
    ENGAGEMENT,
    REACH,
    CONVERSION,
    BRAND;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
