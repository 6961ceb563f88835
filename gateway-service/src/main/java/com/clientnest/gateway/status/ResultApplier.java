package com.clientnest.gateway.status;

import com.clientnest.gateway.cache.CacheKeyLock;
import com.clientnest.gateway.cache.CachedAnswer;
import com.clientnest.gateway.cache.ResponseCache;
import com.clientnest.gateway.status.StatusRepository.CacheEntryKey;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiStarted;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/** Applies a result event to the request store: idempotent, and harmless for a request this gateway never saw. */
@Service
class ResultApplier {

    private static final Logger log = LoggerFactory.getLogger(ResultApplier.class);

    private final StatusRepository requests;
    private final JsonMapper json;
    private final Clock clock;
    private final ResultMapper mapper = new ResultMapper();
    private final ResponseCache cache;
    private final CacheKeyLock keyLock;
    private final Followers followers;
    private final TransactionOperations transactions;

    ResultApplier(
            StatusRepository requests,
            JsonMapper json,
            Clock clock,
            ResponseCache cache,
            CacheKeyLock keyLock,
            Followers followers,
            TransactionOperations transactions) {
        this.requests = requests;
        this.json = json;
        this.clock = clock;
        this.cache = cache;
        this.keyLock = keyLock;
        this.followers = followers;
        this.transactions = transactions;
    }

    /**
     * @throws InvalidResultEvent when the event's result cannot be mapped, which no retry would change; any other
     *     exception (the database away) may pass and is worth retrying
     */
    void apply(SpecificRecord event) {
        if (event instanceof AiCompleted completed) {
            finish(completed.getRequestId(), () -> mapper.completed(completed), completed);
        } else if (event instanceof AiFailed failed) {
            finish(failed.getRequestId(), () -> mapper.failed(failed), null);
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

    /**
     * Records the outcome and, for a request with a cache key, under that key's lock and in one transaction: stores
     * DeepSeek's answer in the response cache (before the status changes, so whoever sees the request COMPLETED
     * finds the answer cached too) and gives the outcome to the request's followers (in-flight dedup).
     *
     * @param completed the event when it is an answer, else null
     */
    private void finish(String requestId, Supplier<RequestOutcome> mapping, AiCompleted completed) {
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
        transactions.executeWithoutResult(status -> {
            Optional<CacheEntryKey> key = requests.cacheKeyOf(id);
            key.ifPresent(k -> keyLock.lock(k.key()));
            if (completed != null && key.isPresent()) {
                remember(key.get(), completed, result);
            }
            boolean changed =
                    requests.finish(id, outcome.status(), result, error, outcome.completedAt(), clock.instant());
            if (changed) {
                log.debug("Request {} is {}", id, outcome.status());
            } else {
                log.debug("Request {} is unknown here or already final; {} ignored", id, outcome.status());
            }
            if (key.isPresent()) {
                shareWithFollowers(id, outcome, completed, result, error);
            }
        });
    }

    /**
     * Keeps DeepSeek's answer for identical requests, even when the request itself was cancelled meanwhile: the
     * answer was paid for. An answer that came from the cache is not stored again.
     */
    private void remember(CacheEntryKey key, AiCompleted completed, String resultJson) {
        if (!completed.getCached()) {
            cache.store(
                    key.key(),
                    key.type(),
                    new CachedAnswer(resultJson, completed.getModel()),
                    completed.getOccurredAt());
        }
    }

    /**
     * Followers share an answer, and a failure of the request itself; a leader the worker skipped as cancelled had
     * its followers given a leader of their own when it was cancelled.
     */
    private void shareWithFollowers(
            UUID id, RequestOutcome outcome, AiCompleted completed, String result, String error) {
        switch (outcome.status()) {
            case COMPLETED -> followers.complete(id, result, completed.getModel(), outcome.completedAt());
            case FAILED, DEAD_LETTERED -> followers.fail(id, outcome.status(), error);
            default -> {}
        }
    }

    private static String typeOf(SpecificRecord event) {
        return event == null ? "null" : event.getSchema().getFullName();
    }
}
