package com.clientnest.gateway.status;

import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiStarted;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Applies a result event to the request store: idempotent, and harmless for a request this gateway never saw. */
@Service
class ResultApplier {

    private static final Logger log = LoggerFactory.getLogger(ResultApplier.class);

    private final StatusRepository requests;
    private final JsonMapper json;
    private final Clock clock;
    private final ResultMapper mapper = new ResultMapper();

    ResultApplier(StatusRepository requests, JsonMapper json, Clock clock) {
        this.requests = requests;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @throws InvalidResultEvent when the event's result cannot be mapped, which no retry would change; any other
     *     exception (the database away) may pass and is worth retrying
     */
    void apply(SpecificRecord event) {
        if (event instanceof AiCompleted completed) {
            finish(completed.getRequestId(), () -> mapper.completed(completed));
        } else if (event instanceof AiFailed failed) {
            finish(failed.getRequestId(), () -> mapper.failed(failed));
        } else if (event instanceof AiStarted started) {
            start(started.getRequestId());
        } else {
            log.warn("Ignoring an event of unexpected type {} on the results topic", typeOf(event));
        }
    }

    private void start(String requestId) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a started event for malformed request id '{}'", requestId);
            return;
        }
        if (requests.markProcessing(id, clock.instant())) {
            log.debug("Request {} is PROCESSING", id);
        }
    }

    private void finish(String requestId, Supplier<RequestOutcome> mapping) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a result for malformed request id '{}'", requestId);
            return;
        }
        RequestOutcome outcome;
        String result;
        String error;
        // Mapping touches only the event, so a failure here fails the same way on every redelivery; it is
        // told apart from a database failure so the error handler skips it instead of retrying it for ever.
        try {
            outcome = mapping.get();
            result = outcome.result() == null ? null : json.writeValueAsString(outcome.result());
            error = outcome.error() == null ? null : json.writeValueAsString(outcome.error());
        } catch (RuntimeException e) {
            throw new InvalidResultEvent("The result for request " + id + " cannot be mapped: " + e.getMessage(), e);
        }
        boolean changed = requests.finish(id, outcome.status(), result, error, outcome.completedAt(), clock.instant());
        if (changed) {
            log.debug("Request {} is {}", id, outcome.status());
        } else {
            log.debug("Request {} is unknown here or already final; {} ignored", id, outcome.status());
        }
    }

    private static String typeOf(SpecificRecord event) {
        return event == null ? "null" : event.getSchema().getFullName();
    }
}
