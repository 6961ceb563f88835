package com.clientnest.gateway.deadletters;

import java.time.Instant;
import java.util.UUID;

/** A record of a dead-letter topic as the desk stores it: as read, plus what its headers and event tell. */
record IncomingLetter(
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
        Instant deadLetteredAt) {}
