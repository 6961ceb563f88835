package com.clientnest.gateway.status;

import com.clientnest.gateway.cache.ResponseCache;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.quota.QuotaAdmission;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The followers of a request in flight (in-flight dedup, ADR 0011): requests identical to it that arrived while it was
 * QUEUED or PROCESSING and wait for its answer instead of calling DeepSeek themselves. Every method runs in the
 * transaction that decides the leader's fate, holding the leader's cache key lock, so a follower always reaches a
 * final state with its leader or becomes the leader itself.
 */
@Component
class Followers {

    private static final Logger log = LoggerFactory.getLogger(Followers.class);
    private static final Map<String, RequestType> TYPES = Map.of(
            "sentiment", RequestType.SENTIMENT_ANALYSIS,
            "content", RequestType.CONTENT_GENERATION,
            "optimization", RequestType.CONTENT_OPTIMIZATION);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Topics topics;
    private final ResponseCache cache;
    private final QuotaAdmission quota;
    private final Clock clock;

    Followers(JdbcClient jdbc, Outbox outbox, Topics topics, ResponseCache cache, QuotaAdmission quota, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.topics = topics;
        this.cache = cache;
        this.quota = quota;
        this.clock = clock;
    }

    /**
     * The leader's answer is every follower's: each is COMPLETED with it as a cache hit would show it, and its usage
     * announced like a cache hit's (no tokens, cost 0), which settles its reservation.
     */
    void complete(UUID leaderId, String leaderResultJson, String model, Instant completedAt) {
        String result = cache.asHit(leaderResultJson);
        Instant now = clock.instant();
        List<Follower> done = jdbc.sql("""
                        UPDATE ai_requests AS r
                        SET status = 'COMPLETED', result = CAST(:result AS jsonb), completed_at = :completedAt,
                            updated_at = :now, cached = true, held_event = NULL
                        FROM users AS u
                        WHERE r.leader_id = :leader AND r.status IN ('QUEUED', 'PROCESSING') AND u.id = r.user_id
                        RETURNING r.id, r.user_id, r.type, r.reservation_id, u.tier
                        """)
                .param("result", result)
                .param("completedAt", utc(completedAt))
                .param("now", utc(now))
                .param("leader", leaderId)
                .query((rs, row) -> new Follower(
                        rs.getObject("id", UUID.class),
                        rs.getString("user_id"),
                        rs.getString("type"),
                        rs.getObject("reservation_id", UUID.class),
                        rs.getString("tier")))
                .list();
        for (Follower follower : done) {
            outbox.append(topics.usage(), follower.userId(), usage(follower, model, now));
        }
        if (!done.isEmpty()) {
            log.debug("{} followers of request {} completed with its answer", done.size(), leaderId);
        }
    }

    /**
     * The leader ended without an answer (FAILED, DEAD_LETTERED): its followers, asking the same, end the same way, and
     * their reservations are given back once this commits.
     */
    void fail(UUID leaderId, RequestStatus status, String errorJson) {
        Instant now = clock.instant();
        List<UUID> reservations = jdbc.sql("""
                        UPDATE ai_requests
                        SET status = :status, error = CAST(:error AS jsonb), completed_at = :now, updated_at = :now,
                            held_event = NULL
                        WHERE leader_id = :leader AND status IN ('QUEUED', 'PROCESSING')
                        RETURNING reservation_id
                        """)
                .param("status", status.name())
                .param("error", errorJson)
                .param("now", utc(now))
                .param("leader", leaderId)
                .query((rs, row) -> rs.getObject("reservation_id", UUID.class))
                .list();
        releaseAfterCommit(reservations);
    }

    /**
     * The leader was cancelled before it was called: its oldest follower becomes the leader of the others and goes on
     * its lane with the event it held, so they are not left waiting for an answer that will never come.
     */
    void promoteAfterCancel(UUID cancelledLeaderId) {
        Optional<Promoted> promoted = jdbc.sql("""
                        SELECT id, held_topic, held_event FROM ai_requests
                        WHERE leader_id = :leader AND status = 'QUEUED'
                        ORDER BY created_at, id
                        LIMIT 1
                        FOR UPDATE
                        """)
                .param("leader", cancelledLeaderId)
                .query((rs, row) -> new Promoted(
                        rs.getObject("id", UUID.class), rs.getString("held_topic"), rs.getBytes("held_event")))
                .optional();
        if (promoted.isEmpty()) {
            return;
        }
        UUID leader = promoted.get().id();
        jdbc.sql("""
                        UPDATE ai_requests SET leader_id = NULL, held_topic = NULL, held_event = NULL WHERE id = :id
                        """).param("id", leader).update();
        jdbc.sql("UPDATE ai_requests SET leader_id = :leader WHERE leader_id = :old AND status = 'QUEUED'")
                .param("leader", leader)
                .param("old", cancelledLeaderId)
                .update();
        outbox.appendRaw(
                promoted.get().topic(), leader.toString(), promoted.get().event(), Map.of());
        log.info("Request {} was cancelled; its follower {} goes on its lane instead", cancelledLeaderId, leader);
    }

    private void releaseAfterCommit(List<UUID> reservations) {
        List<UUID> held = reservations.stream().filter(id -> id != null).toList();
        if (held.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                // A release that fails here is expired by the cost service's sweeper.
                held.forEach(quota::release);
            }
        });
    }

    private static UsageRecorded usage(Follower follower, String model, Instant now) {
        return UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setRequestId(follower.id().toString())
                .setUserId(follower.userId())
                .setTier(Tier.valueOf(follower.tier().toUpperCase(Locale.ROOT)))
                .setType(TYPES.get(follower.type()))
                .setModel(model)
                .setUsage(new TokenUsage(0, 0, 0, 0, 0))
                .setLatencyMs(0)
                .setCacheHit(true)
                .setReservationId(
                        follower.reservationId() == null
                                ? null
                                : follower.reservationId().toString())
                .build();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Follower(UUID id, String userId, String type, UUID reservationId, String tier) {}

    private record Promoted(UUID id, String topic, byte[] event) {}
}
