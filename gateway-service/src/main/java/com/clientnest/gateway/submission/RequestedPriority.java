package com.clientnest.gateway.submission;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The lane a client asks for; {@link PriorityPolicy} decides whether it is granted. Written in lower case on the wire. */
enum RequestedPriority {
    HIGH,
    NORMAL,
    LOW;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
