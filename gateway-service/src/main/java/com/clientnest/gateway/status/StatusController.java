package com.clientnest.gateway.status;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.status.StatusRepository.StoredRequest;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The caller's own requests: one with its result, a page of them, and cancelling one still queued. */
@RestController
class StatusController {

    private final StatusRepository requests;
    private final RequestListing listing;
    private final Cancellation cancellation;
    private final RequestFollowers followers;
    private final JsonMapper json;

    StatusController(
            StatusRepository requests,
            RequestListing listing,
            Cancellation cancellation,
            RequestFollowers followers,
            JsonMapper json) {
        this.requests = requests;
        this.listing = listing;
        this.cancellation = cancellation;
        this.followers = followers;
        this.json = json;
    }

    /**
     * Server-sent events: {@code status} now and at each change, then, once final, {@code result} with the whole
     * request as {@code GET} shows it, and the stream ends.
     */
    @GetMapping(path = "/api/v1/ai/requests/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
        StoredRequest current = requests.findOwned(id, caller.userId())
                .orElseThrow(() -> ProblemException.notFound("No request " + id + " exists for this API key"));
        return followers.follow(current, this::view);
    }

    @GetMapping(path = "/api/v1/ai/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    RequestPage list(
            @Parameter(hidden = true) Caller caller,
            @Parameter(description = "QUEUED, PROCESSING, COMPLETED, FAILED, DEAD_LETTERED or CANCELLED")
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = "sentiment, content, optimization or suggestions") @RequestParam(required = false)
                    String type,
            @Parameter(description = "only requests created at or after this instant") @RequestParam(required = false)
                    String since,
            @Parameter(description = "the nextCursor of the previous page") @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "page size, 1 to 100, default 20") @RequestParam(required = false) Integer limit) {
        return listing.list(caller.userId(), status, type, since, cursor, limit);
    }

    /** Cancels a queued request: 200 with it CANCELLED, 409 {@code not_cancellable} once it is further along. */
    @DeleteMapping(path = "/api/v1/ai/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    RequestStatusView cancel(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
        return view(cancellation.cancel(id, caller.userId()));
    }

    @GetMapping(path = "/api/v1/ai/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    RequestStatusView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
        return view(requests.findOwned(id, caller.userId())
                .orElseThrow(() -> ProblemException.notFound("No request " + id + " exists for this API key")));
    }

    private RequestStatusView view(StoredRequest request) {
        return new RequestStatusView(
                request.id(),
                request.type(),
                request.status(),
                request.lane(),
                request.createdAt(),
                request.completedAt(),
                tree(request.resultJson()),
                tree(request.errorJson()),
                request.status() == RequestStatus.SCHEDULED ? request.notBefore() : null);
    }

    private JsonNode tree(String stored) {
        return stored == null ? null : json.readTree(stored);
    }
}
