package com.clientnest.gateway.submission;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.submission.PriorityPolicy.Priority;
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
 * Accepts an AI request: decides its lane, stores it as queued and puts its {@code AiRequested} event in the
 * outbox, both in one transaction, so a request is never queued in the database but missing from Kafka or the
 * other way round. The outbox relay publishes the event right after the commit.
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
    private final WaitEstimator waitEstimator;

    SubmissionService(
            SubmissionRepository requests,
            Outbox outbox,
            Topics topics,
            TransactionOperations transactions,
            JsonMapper json,
            Clock clock,
            GatewayProperties properties) {
        this.requests = requests;
        this.outbox = outbox;
        this.topics = topics;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.waitEstimator = new WaitEstimator(properties.estimate());
    }

    /** The answer for this submission; a repeated idempotency key gets the first answer and queues nothing. */
    SubmissionAccepted submit(Caller caller, Submission submission, String idempotencyKey) {
        return transactions.execute(status -> {
            if (idempotencyKey != null) {
                var first = requests.findAnswer(caller.userId(), idempotencyKey);
                if (first.isPresent()) {
                    return first.get();
                }
            }
            Priority priority = priorityPolicy.decide(
                    caller.tier(), submission.type(), submission.urgent(), submission.requestedPriority());
            String lane = Submission.laneName(priority.lane());
            int estimatedWait = waitEstimator.estimatedWaitSeconds(requests.countQueued(lane));
            UUID requestId = UUID.randomUUID();
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
                    now);
            if (!requests.insertQueued(row)) {
                return requests.findAnswer(caller.userId(), idempotencyKey).orElseThrow();
            }
            outbox.append(topics.lane(priority.lane()), requestId.toString(), event(caller, submission, row, priority));
            return SubmissionAccepted.queued(requestId, lane, estimatedWait);
        });
    }

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
                .build();
    }
}
