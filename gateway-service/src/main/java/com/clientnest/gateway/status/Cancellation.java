package com.clientnest.gateway.status;

import com.clientnest.gateway.cache.CacheKeyLock;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.quota.QuotaAdmission;
import com.clientnest.schemas.events.AiCancelled;
import com.clientnest.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Cancels a request that is still queued (or held for the off-peak window) and gives its quota reservation back. Only
 * QUEUED and SCHEDULED can be cancelled: once a
 * worker has started (PROCESSING) the DeepSeek call is under way and is paid for, and a final request has nothing left
 * to cancel. The cancel puts {@code AiCancelled} on the cancellations topic through the outbox, in the transaction
 * that changes the status, so every worker learns of it and calls DeepSeek for the request only if it was already in
 * the call (then the usage is billed and the caller still sees CANCELLED).
 */
@Service
class Cancellation {

    private final StatusRepository requests;
    private final QuotaAdmission quota;
    private final Clock clock;
    private final Outbox outbox;
    private final Topics topics;
    private final TransactionOperations transactions;
    private final CacheKeyLock keyLock;
    private final Followers followers;

    Cancellation(
            StatusRepository requests,
            QuotaAdmission quota,
            Clock clock,
            Outbox outbox,
            Topics topics,
            TransactionOperations transactions,
            CacheKeyLock keyLock,
            Followers followers) {
        this.requests = requests;
        this.quota = quota;
        this.clock = clock;
        this.outbox = outbox;
        this.topics = topics;
        this.transactions = transactions;
        this.keyLock = keyLock;
        this.followers = followers;
    }

    /** The request as it now is, CANCELLED. */
    StatusRepository.StoredRequest cancel(UUID requestId, String userId) {
        Optional<Optional<UUID>> cancelled = transactions.execute(status -> cancelAndAnnounce(requestId, userId));
        if (cancelled.isEmpty()) {
            StatusRepository.StoredRequest current = requests.findOwned(requestId, userId)
                    .orElseThrow(
                            () -> ProblemException.notFound("No request " + requestId + " exists for this API key"));
            throw new ProblemException(
                    ProblemCode.NOT_CANCELLABLE,
                    "Request " + requestId + " is " + current.status()
                            + "; only a QUEUED or SCHEDULED request can be cancelled",
                    Map.of("requestStatus", current.status().name()),
                    Map.of());
        }
        // After the commit of the status change: a release that fails is expired by the cost service's sweeper.
        cancelled.get().ifPresent(quota::release);
        return requests.findOwned(requestId, userId).orElseThrow();
    }

    private Optional<Optional<UUID>> cancelAndAnnounce(UUID requestId, String userId) {
        Instant now = clock.instant();
        // The key's lock comes before the row's, as for every holder of both (see CacheKeyLock).
        Optional<StatusRepository.CacheEntryKey> key = requests.cacheKeyOf(requestId);
        key.ifPresent(k -> keyLock.lock(k.key()));
        Optional<Optional<UUID>> cancelled = requests.cancelQueued(requestId, userId, now);
        if (cancelled.isPresent() && key.isPresent()) {
            followers.promoteAfterCancel(requestId);
        }
        if (cancelled.isPresent()) {
            outbox.append(
                    topics.cancelled(),
                    requestId.toString(),
                    AiCancelled.newBuilder()
                            .setEventId(UUID.randomUUID().toString())
                            .setOccurredAt(now)
                            .setRequestId(requestId.toString())
                            .setUserId(userId)
                            .build());
        }
        return cancelled;
    }
}
