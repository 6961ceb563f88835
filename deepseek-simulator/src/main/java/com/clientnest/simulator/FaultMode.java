package com.clientnest.simulator;

import java.util.Arrays;
import java.util.Optional;

/** The ways the simulator can misbehave on purpose, named as in the control API. */
public enum FaultMode {
    /** Answer with an HTTP error status and DeepSeek's error body. */
    STATUS("status"),
    /** Never answer; the connection stays open until the client gives up. */
    TIMEOUT("timeout"),
    /** Answer 200 with a completion whose content is only whitespace. */
    BLANK_JSON("blank-json"),
    /** Send blank lines (SSE comments when streaming) for a while before the body, as DeepSeek does under load. */
    KEEP_ALIVE_LINES("keep-alive-lines"),
    /** Answer 200 with a body that is not valid JSON. */
    MALFORMED("malformed");

    private final String wireName;

    FaultMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FaultMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
