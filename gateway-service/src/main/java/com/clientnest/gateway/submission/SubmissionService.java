package com.clientnest.gateway.submission;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.cache.CacheKeyLock;
import com.clientnest.gateway.cache.CachedAnswer;
import com.clientnest.gateway.cache.IdenticalSubmissions;
import com.clientnest.gateway.cache.ResponseCache;
import com.clientnest.gateway.deferral.OffPeakDeferral;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.outbox.Outbox.PreparedRecord;
import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.queue.LaneStatistics;
import com.clientnest.gateway.quota.QuotaAdmission;
import com.clientnest.gateway.submission.PriorityPolicy.Priority;
import com.clientnest.gateway.submission.SubmissionRepository.EarlierAnswer;
import com.clientnest.gateway.submission.SubmissionRepository.NewRequest;
import com.clientnest.gateway.submission.SubmissionRepository.QueuedRow;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.BeanUtils;
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
    private final ResponseCache cache;
    private final CacheKeyLock keyLock;
    private final OffPeakDeferral deferral;
    private final IdenticalSubmissions identical;
    private final QueuedWriter queuedWriter;

    SubmissionService(
            SubmissionRepository requests,
            Outbox outbox,
            Topics topics,
            TransactionOperations transactions,
            JsonMapper json,
            Clock clock,
            LaneStatistics laneStatistics,
            QuotaAdmission quota,
            ResponseCache cache,
            CacheKeyLock keyLock,
            OffPeakDeferral deferral,
            IdenticalSubmissions identical,
            QueuedWriter queuedWriter) {
        this.requests = requests;
        this.outbox = outbox;
        this.topics = topics;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.laneStatistics = laneStatistics;
        this.quota = quota;
        this.cache = cache;
        this.keyLock = keyLock;
        this.deferral = deferral;
        this.identical = identical;
        this.queuedWriter = queuedWriter;
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
        Optional<String> cacheKey = submission.cacheable()
                ? cache.keyFor(
                        caller.userId(), submission.typeName(), submission.cacheFields(), submission.temperature())
                : Optional.empty();
        // A cache hit is reserved like any request: whether it counts against the month is the cost service's rule,
        // and the usage event of the hit settles the reservation either way.
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
            Plan plan = plan(caller, submission, idempotencyKey, fingerprint, requestId, reservationId);
            Supplier<Stored> storing = () -> transactions.execute(
                    status -> store(caller, submission, idempotencyKey, fingerprint, plan, cacheKey));
            if (writtenWithOthers(caller, submission, plan, cacheKey)) {
                stored = Stored.queued(plan.row());
            } else {
                stored = cacheKey.isPresent() ? identical.oneAtATime(cacheKey.get(), storing) : storing.get();
            }
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

    /** Where the request goes and the row it is stored as: decided once, before any transaction. */
    private Plan plan(
            Caller caller,
            Submission submission,
            String idempotencyKey,
            String fingerprint,
            UUID requestId,
            UUID reservationId) {
        Priority priority = priorityPolicy.decide(
                caller.tier(), submission.type(), submission.urgent(), submission.requestedPriority());
        String lane = Submission.laneName(priority.lane());
        Instant now = clock.instant();
        NewRequest row = new NewRequest(
                requestId,
                caller.userId(),
                submission.typeName(),
                lane,
                priority.score(),
                json.writeValueAsString(submission.body()),
                idempotencyKey,
                laneStatistics.estimatedWaitSeconds(lane),
                now,
                reservationId,
                fingerprint);
        Optional<Instant> holdUntil =
                deferral.holdUntil(submission.deferrable(deferral.suggestionsWaitByDefault(caller.tier())), now);
        return new Plan(priority, row, holdUntil);
    }

    /**
     * Stores a request that goes straight onto its lane together with other submissions' (group commit, ADR 0006);
     * false when it is not such a request or its cache key turned out to have an answer or a leader, and it is to be
     * stored alone. A request with an idempotency key is always stored alone: a duplicate of it waits for the first.
     */
    private boolean writtenWithOthers(Caller caller, Submission submission, Plan plan, Optional<String> cacheKey) {
        if (plan.row().idempotencyKey() != null || plan.holdUntil().isPresent()) {
            return false;
        }
        NewRequest row = plan.row();
        PreparedRecord event = outbox.prepare(
                topics.lane(plan.priority().lane()),
                row.id().toString(),
                event(caller, submission, row, plan.priority()));
        return queuedWriter.write(new QueuedRow(row, cacheKey.orElse(null)), event);
    }

    private Stored store(
            Caller caller,
            Submission submission,
            String idempotencyKey,
            String fingerprint,
            Plan plan,
            Optional<String> cacheKey) {
        Priority priority = plan.priority();
        NewRequest row = plan.row();
        if (cacheKey.isPresent()) {
            // Held until commit: an identical request waits here, then finds this one's answer or this one as leader.
            keyLock.lock(cacheKey.get());
            Optional<CachedAnswer> hit = cache.lookup(cacheKey.get());
            if (hit.isPresent()) {
                return storeHit(caller, submission, idempotencyKey, fingerprint, row, cacheKey.get(), hit.get());
            }
            Optional<UUID> leader = requests.findLeader(cacheKey.get());
            if (leader.isPresent()) {
                return storeFollower(
                        caller, submission, idempotencyKey, fingerprint, row, cacheKey.get(), leader.get(), priority);
            }
        }
        Optional<Instant> holdUntil = plan.holdUntil();
        if (holdUntil.isPresent()) {
            return storeScheduled(
                    caller, submission, idempotencyKey, fingerprint, row, cacheKey.orElse(null), holdUntil.get());
        }
        if (!requests.insertQueued(row, cacheKey.orElse(null))) {
            return new Stored(
                    sameRequestOrRefuse(
                            requests.findAnswer(caller.userId(), idempotencyKey).orElseThrow(), fingerprint),
                    false);
        }
        outbox.append(topics.lane(priority.lane()), row.id().toString(), event(caller, submission, row, priority));
        return Stored.queued(row);
    }

    /**
     * Stores a request answered from the cache as COMPLETED and announces its usage: no tokens, no cost, {@code
     * cacheHit}, with the reservation to settle. Nothing goes on a lane.
     */
    private Stored storeHit(
            Caller caller,
            Submission submission,
            String idempotencyKey,
            String fingerprint,
            NewRequest row,
            String cacheKey,
            CachedAnswer hit) {
        if (!requests.insertCached(row, cacheKey, hit.resultJson())) {
            return new Stored(
                    sameRequestOrRefuse(
                            requests.findAnswer(caller.userId(), idempotencyKey).orElseThrow(), fingerprint),
                    false);
        }
        UsageRecorded usage = UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(row.createdAt())
                .setRequestId(row.id().toString())
                .setUserId(caller.userId())
                .setTier(caller.tier())
                .setType(submission.type())
                .setModel(hit.model())
                .setUsage(new TokenUsage(0, 0, 0, 0, 0))
                .setLatencyMs(0)
                .setCacheHit(true)
                .setReservationId(row.reservationId().toString())
                .build();
        outbox.append(topics.usage(), caller.userId(), usage);
        return new Stored(SubmissionAccepted.fromCache(row.id(), row.lane(), json.readTree(hit.resultJson())), true);
    }

    /**
     * Stores a request identical to one in flight as its follower: no lane event is published, as the leader's answer
     * will be this one's too (billed like a cache hit). The event is held with the request in case the leader is
     * cancelled before it is called; then this one goes on its lane instead.
     */
    private Stored storeFollower(
            Caller caller,
            Submission submission,
            String idempotencyKey,
            String fingerprint,
            NewRequest row,
            String cacheKey,
            UUID leader,
            Priority priority) {
        TopicDescriptor lane = topics.lane(priority.lane());
        String topic = lane.name();
        byte[] held = serialized(lane, event(caller, submission, row, priority));
        if (!requests.insertFollower(row, cacheKey, leader, topic, held)) {
            return new Stored(
                    sameRequestOrRefuse(
                            requests.findAnswer(caller.userId(), idempotencyKey).orElseThrow(), fingerprint),
                    false);
        }
        return new Stored(SubmissionAccepted.queued(row.id(), row.lane(), row.estimatedWaitSeconds()), true);
    }

    /**
     * Holds a deferrable request until the off-peak window: SCHEDULED, with its event for the low lane kept in the row
     * (marked deferred, so the saving is reported) until the release job puts it in the outbox.
     */
    private Stored storeScheduled(
            Caller caller,
            Submission submission,
            String idempotencyKey,
            String fingerprint,
            NewRequest row,
            String cacheKey,
            Instant notBefore) {
        Priority low = new Priority(row.priorityScore(), Lane.LOW);
        AiRequested event = event(caller, submission, row, low);
        event.setDeferred(true);
        TopicDescriptor lane = topics.lane(Lane.LOW);
        int wait =
                (int) Math.max(0, Duration.between(row.createdAt(), notBefore).toSeconds());
        if (!requests.insertScheduled(row, cacheKey, notBefore, lane.name(), serialized(lane, event))) {
            return new Stored(
                    sameRequestOrRefuse(
                            requests.findAnswer(caller.userId(), idempotencyKey).orElseThrow(), fingerprint),
                    false);
        }
        return new Stored(SubmissionAccepted.scheduled(row.id(), notBefore, wait), true);
    }

    // Serialized as the outbox would, with the serde the catalogue names for the lane.
    @SuppressWarnings("unchecked")
    private static byte[] serialized(TopicDescriptor lane, AiRequested event) {
        return ((Serializer<SpecificRecord>) BeanUtils.instantiateClass(lane.valueSerializer()))
                .serialize(lane.name(), event);
    }

    /** The request's lane and priority, its row, and until when it is held for the off-peak window, if it is. */
    private record Plan(Priority priority, NewRequest row, Optional<Instant> holdUntil) {}

    /** The answer, and whether this call stored the request or found an earlier one under its idempotency key. */
    private record Stored(SubmissionAccepted answer, boolean created) {

        /** Stored by this call as QUEUED on its lane. */
        static Stored queued(NewRequest row) {
            return new Stored(SubmissionAccepted.queued(row.id(), row.lane(), row.estimatedWaitSeconds()), true);
        }
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
                .setReservationId(row.reservationId().toString())
                .setVariants(submission.variants())
                .build();
    }
}
