package com.clientnest.gateway.status;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.status.StatusRepository.StoredRequest;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The status, and once final the result or error, of one of the caller's requests. */
@RestController
class StatusController {

    private final StatusRepository requests;
    private final JsonMapper json;

    StatusController(StatusRepository requests, JsonMapper json) {
        this.requests = requests;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/ai/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    RequestStatusView get(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
        StoredRequest request = requests.findOwned(id, caller.userId())
                .orElseThrow(() -> ProblemException.notFound("No request " + id + " exists for this API key"));
        return new RequestStatusView(
                request.id(),
                request.type(),
                request.status(),
                request.lane(),
                request.createdAt(),
                request.completedAt(),
                tree(request.resultJson()),
                tree(request.errorJson()));
    }

    private JsonNode tree(String stored) {
        return stored == null ? null : json.readTree(stored);
    }
}
