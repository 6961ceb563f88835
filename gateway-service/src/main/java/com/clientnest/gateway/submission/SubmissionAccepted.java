package com.clientnest.gateway.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The answer to an accepted AI request: where to follow it, and roughly how long it will take. A request answered
 * from the response cache is COMPLETED already, with {@code cached: true} and its {@code result}; one held for the
 * off-peak window is SCHEDULED until {@code notBefore}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SubmissionAccepted(
        UUID requestId,
        String status,
        String lane,
        String statusUrl,
        int estimatedWaitSeconds,
        Boolean cached,
        JsonNode result,
        Instant notBefore) {

    static final String QUEUED = "QUEUED";
    static final String COMPLETED = "COMPLETED";
    static final String SCHEDULED = "SCHEDULED";

    SubmissionAccepted(UUID requestId, String status, String lane, String statusUrl, int estimatedWaitSeconds) {
        this(requestId, status, lane, statusUrl, estimatedWaitSeconds, null, null, null);
    }

    static SubmissionAccepted queued(UUID requestId, String lane, int estimatedWaitSeconds) {
        return new SubmissionAccepted(requestId, QUEUED, lane, statusUrl(requestId), estimatedWaitSeconds);
    }

    /** Answered from the response cache: nothing waits, nothing goes on the lane. */
    static SubmissionAccepted fromCache(UUID requestId, String lane, JsonNode result) {
        return new SubmissionAccepted(requestId, COMPLETED, lane, statusUrl(requestId), 0, true, result, null);
    }

    /** Held for the off-peak window: it goes on the low lane at {@code notBefore}. */
    static SubmissionAccepted scheduled(UUID requestId, Instant notBefore, int estimatedWaitSeconds) {
        return new SubmissionAccepted(
                requestId, SCHEDULED, "low", statusUrl(requestId), estimatedWaitSeconds, null, null, notBefore);
    }

    static String statusUrl(UUID requestId) {
        return "/api/v1/ai/requests/" + requestId;
    }
}
