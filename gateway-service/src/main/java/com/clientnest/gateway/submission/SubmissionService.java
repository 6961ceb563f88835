package com.clientnest.gateway.submission;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.queue.LaneStatistics;
import com.clientnest.gateway.quota.QuotaAdmission;
import com.clientnest.gateway.submission.PriorityPolicy.Priority;
import com.clientnest.gateway.submission.SubmissionRepository.EarlierAnswer;
import com.clientnest.gateway.submission.SubmissionRepository.NewRequest;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts an AI request: reserves its quota, decides its lane, stores it as queued and puts its {@code AiRequested}
 * event in the outbox, both in one transaction, so a request is never queued in the database but missing from Kafka
 * or the other way round. The outbox relay publishes the event right after the commit.
 */
@Service
class SubmissionService {

    private final SubmissionRepository requests;
    private final Outbox outbox;
    private final Topics topics;
    private final TransactionOperations transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final PriorityPolicy priorityPolicy = new PriorityPolicy();
    private final LaneStatistics laneStatistics;
    private final QuotaAdmission quota;

    SubmissionService(
            SubmissionRepository requests,
            Outbox outbox,
            Topics topics,
            TransactionOperations transactions,
            JsonMapper json,
            Clock clock,
            LaneStatistics laneStatistics,
            QuotaAdmission quota) {
        this.requests = requests;
        this.outbox = outbox;
        this.topics = topics;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.laneStatistics = laneStatistics;
        this.quota = quota;
    }

    /**
     * The answer for this submission; a repeated idempotency key gets the first answer and queues nothing. Quota is
     * reserved before anything is stored: a refused request leaves no trace, and one that cannot be stored gives its
     * reservation back.
     */
    SubmissionAccepted submit(Caller caller, Submission submission, String idempotencyKey) {
        String fingerprint = submission.fingerprint(json);
        if (idempotencyKey != null) {
            var first = requests.findAnswer(caller.userId(), idempotencyKey);
            if (first.isPresent()) {
                return sameRequestOrRefuse(first.get(), fingerprint);
            }
        }
        UUID requestId = UUID.randomUUID();
        UUID reservationId = quota.reserve(
                caller.userId(),
                caller.tier(),
                requestId,
                submission.type(),
                submission.requests(),
                submission.maxTokens(),
                submission.texts());
        Stored stored;
        try {
            stored = transactions.execute(
                    status -> store(caller, submission, idempotencyKey, fingerprint, requestId, reservationId));
        } catch (RuntimeException e) {
            quota.release(reservationId);
            throw e;
        }
        if (!stored.created()) {
            // A concurrent duplicate of the idempotency key won: this request was never stored.
            quota.release(reservationId);
        }
        return stored.answer();
    }

    private static SubmissionAccepted sameRequestOrRefuse(EarlierAnswer first, String fingerprint) {
        if (!first.matches(fingerprint)) {
            throw new ProblemException(
                    ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request");
        }
        return first.answer();
    }

    private Stored store(
            Caller caller,
            Submission submission,
            String idempotencyKey,
            String fingerprint,
            UUID requestId,
            UUID reservationId) {
        Priority priority = priorityPolicy.decide(
                caller.tier(), submission.type(), submission.urgent(), submission.requestedPriority());
        String lane = Submission.laneName(priority.lane());
        int estimatedWait = laneStatistics.estimatedWaitSeconds(lane);
        Instant now = clock.instant();
        NewRequest row = new NewRequest(
                requestId,
                caller.userId(),
                submission.typeName(),
                lane,
                priority.score(),
                json.writeValueAsString(submission.body()),
                idempotencyKey,
                estimatedWait,
                now,
                reservationId,
                fingerprint);
        if (!requests.insertQueued(row)) {
            return new Stored(
                    sameRequestOrRefuse(
                            requests.findAnswer(caller.userId(), idempotencyKey).orElseThrow(), fingerprint),
                    false);
        }
        outbox.append(topics.lane(priority.lane()), requestId.toString(), event(caller, submission, row, priority));
        return new Stored(SubmissionAccepted.queued(requestId, lane, estimatedWait), true);
    }

    /** The answer, and whether this call stored the request or found an earlier one under its idempotency key. */
    private record Stored(SubmissionAccepted answer, boolean created) {}

    private static AiRequested event(Caller caller, Submission submission, NewRequest row, Priority priority) {
        return AiRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(row.createdAt())
                .setRequestId(row.id().toString())
                .setUserId(caller.userId())
                .setTier(caller.tier())
                .setType(submission.type())
                .setLane(priority.lane())
                .setPriorityScore(priority.score())
                .setInput(submission.input())
                .setReservationId(row.reservationId().toString())
                .setVariants(submission.variants())
                .build();
    }
}
