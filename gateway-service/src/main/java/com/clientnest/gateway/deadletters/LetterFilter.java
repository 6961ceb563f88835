package com.clientnest.gateway.deadletters;

import java.time.Instant;

/**
 * Which dead letters to list or replay; every criterion is optional.
 *
 * @param topic the dead-letter topic's full name
 * @param reason the reason code
 * @param type the request type as the API names it ({@code sentiment}, {@code content}, {@code optimization})
 * @param since dead-lettered at or after
 * @param until dead-lettered before
 */
record LetterFilter(
        String topic, String reason, String type, String userId, LetterState state, Instant since, Instant until) {

    static LetterFilter openLetters() {
        return new LetterFilter(null, null, null, null, LetterState.OPEN, null, null);
    }

    LetterFilter onlyOpen() {
        return new LetterFilter(topic, reason, type, userId, LetterState.OPEN, since, until);
    }
}
