package com.clientnest.gateway.submission;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The form of generated content. Written in lower case on the wire. */
enum ContentType {
    POST,
    CAPTION,
    STORY,
    THREAD;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
