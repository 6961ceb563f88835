package com.clientnest.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A request as its owner sees it; {@code completedAt}, {@code result} and {@code error} appear once known, {@code
 * notBefore} while it is held for the off-peak window.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestStatusView(
        UUID requestId,
        String type,
        RequestStatus status,
        String lane,
        Instant createdAt,
        Instant completedAt,
        JsonNode result,
        JsonNode error,
        Instant notBefore) {}
