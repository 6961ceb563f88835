package com.clientnest.gateway.submission;

import java.util.UUID;

/** The answer to an accepted AI request: where to follow it, and roughly how long it will take. */
record SubmissionAccepted(UUID requestId, String status, String lane, String statusUrl, int estimatedWaitSeconds) {

    static final String QUEUED = "QUEUED";

    static SubmissionAccepted queued(UUID requestId, String lane, int estimatedWaitSeconds) {
        return new SubmissionAccepted(requestId, QUEUED, lane, statusUrl(requestId), estimatedWaitSeconds);
    }

    static String statusUrl(UUID requestId) {
        return "/api/v1/ai/requests/" + requestId;
    }
}
