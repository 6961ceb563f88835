package com.clientnest.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of the caller's requests, newest first, without their results (follow {@code statusUrl} for those).
 *
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
record RequestPage(
        List<Item> requests,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(
            UUID requestId,
            String type,
            RequestStatus status,
            String lane,
            Instant createdAt,
            Instant completedAt,
            String statusUrl) {}
}
