package com.clientnest.gateway.status;

import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.quota.QuotaAdmission;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Cancels a request that is still queued and gives its quota reservation back. Only QUEUED can be cancelled: once a
 * worker has started (PROCESSING) the DeepSeek call is under way and is paid for (stopping it is issue 9's work), and a
 * final request has nothing left to cancel.
 */
@Service
class Cancellation {

    private final StatusRepository requests;
    private final QuotaAdmission quota;
    private final Clock clock;

    Cancellation(StatusRepository requests, QuotaAdmission quota, Clock clock) {
        this.requests = requests;
        this.quota = quota;
        this.clock = clock;
    }

    /** The request as it now is, CANCELLED. */
    StatusRepository.StoredRequest cancel(UUID requestId, String userId) {
        Optional<Optional<UUID>> cancelled = requests.cancelQueued(requestId, userId, clock.instant());
        if (cancelled.isEmpty()) {
            StatusRepository.StoredRequest current = requests.findOwned(requestId, userId)
                    .orElseThrow(
                            () -> ProblemException.notFound("No request " + requestId + " exists for this API key"));
            throw new ProblemException(
                    ProblemCode.NOT_CANCELLABLE,
                    "Request " + requestId + " is " + current.status() + "; only a QUEUED request can be cancelled",
                    Map.of("requestStatus", current.status().name()),
                    Map.of());
        }
        // After the commit of the status change: a release that fails is expired by the cost service's sweeper.
        cancelled.get().ifPresent(quota::release);
        return requests.findOwned(requestId, userId).orElseThrow();
    }
}
