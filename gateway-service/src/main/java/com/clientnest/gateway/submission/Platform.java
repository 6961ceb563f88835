package com.clientnest.gateway.submission;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The social platform a text is written for. Written in lower case on the wire. */
enum Platform {
    TWITTER,
    FACEBOOK,
    INSTAGRAM,
    LINKEDIN,
    TIKTOK,
    GENERAL;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
