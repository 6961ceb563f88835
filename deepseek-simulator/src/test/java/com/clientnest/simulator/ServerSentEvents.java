package com.clientnest.simulator;

import java.util.Arrays;
import java.util.List;

/** Splits a server-sent event stream body into its {@code data:} payloads, skipping comments and blank lines. */
final class ServerSentEvents {

    private ServerSentEvents() {}

    static List<String> data(String body) {
        return Arrays.stream(body.split("\n"))
                .filter(line -> line.startsWith("data: "))
                .map(line -> line.substring("data: ".length()))
                .toList();
    }
}
