package com.clientnest.gateway.deadletters;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code dead_letters}. */
record StoredLetter(
        long id,
        String topic,
        int partition,
        long offset,
        String key,
        byte[] payload,
        String headersJson,
        String reasonCode,
        String message,
        String exceptionClass,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        Integer attempts,
        UUID requestId,
        String userId,
        String requestType,
        Instant deadLetteredAt,
        LetterState state,
        Instant handledAt,
        String handledBy,
        String note) {}
