package com.clientnest.gateway.status;

import com.clientnest.gateway.status.ResultViews.ErrorView;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The status changes the ops desk makes to a request (back to QUEUED for a replay, or FAILED with a note), and the
 * status it shows.
 */
@Service
public class OpsTransitions {

    /** The error code of a request whose dead letter ops discarded; the note is its message. */
    public static final String DISCARDED = "discarded";

    private final StatusRepository requests;
    private final JsonMapper json;
    private final Clock clock;

    OpsTransitions(StatusRepository requests, JsonMapper json, Clock clock) {
        this.requests = requests;
        this.json = json;
        this.clock = clock;
    }

    /** The request's status ({@code QUEUED}, {@code COMPLETED}, ...), or empty for a request this gateway never saw. */
    public Optional<String> statusOf(UUID requestId) {
        return requests.statusOf(requestId).map(Enum::name);
    }

    /** Whether the request was DEAD_LETTERED or FAILED and is QUEUED now; must run in the replay's transaction. */
    public boolean requeue(UUID requestId) {
        return requests.requeue(requestId, clock.instant());
    }

    /** Whether the request, not completed, is FAILED now with the note as its error message. */
    public boolean discard(UUID requestId, String note) {
        return requests.fail(requestId, json.writeValueAsString(new ErrorView(DISCARDED, note)), clock.instant());
    }
}
