package com.clientnest.gateway.submission;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Writes new requests into {@code ai_requests}; the status package owns reading and finishing them. */
@Repository
class SubmissionRepository {

    private static final String INSERT_QUEUED = """
            INSERT INTO ai_requests (id, user_id, type, status, lane, priority_score, input,
                idempotency_key, estimated_wait_seconds, created_at, updated_at, reservation_id,
                request_fingerprint, cache_key)
            VALUES (:id, :userId, :type, 'QUEUED', :lane, :score, CAST(:input AS jsonb),
                :key, :wait, :createdAt, :createdAt, :reservationId, :fingerprint, :cacheKey)
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final JsonMapper json;

    SubmissionRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches, JsonMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
    }

    /** The first answer given for this user's idempotency key, with what it was given for, if there was one. */
    Optional<EarlierAnswer> findAnswer(String userId, String idempotencyKey) {
        return jdbc.sql("""
                        SELECT id, lane, estimated_wait_seconds, request_fingerprint, cached, result::text AS result,
                               not_before
                        FROM ai_requests
                        WHERE user_id = :userId AND idempotency_key = :key
                        """)
                .param("userId", userId)
                .param("key", idempotencyKey)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    OffsetDateTime notBefore = rs.getObject("not_before", OffsetDateTime.class);
                    int wait = rs.getInt("estimated_wait_seconds");
                    SubmissionAccepted answer;
                    if (rs.getBoolean("cached")) {
                        answer = SubmissionAccepted.fromCache(
                                id, rs.getString("lane"), json.readTree(rs.getString("result")));
                    } else if (notBefore != null) {
                        answer = SubmissionAccepted.scheduled(id, notBefore.toInstant(), wait);
                    } else {
                        answer = SubmissionAccepted.queued(id, rs.getString("lane"), wait);
                    }
                    return new EarlierAnswer(answer, rs.getString("request_fingerprint"));
                })
                .optional();
    }

    /**
     * Stores the request as queued. Returns false, storing nothing, when the user already has a request with this
     * idempotency key: a concurrent duplicate waits here for the first one to commit instead of failing.
     */
    boolean insertQueued(NewRequest request) {
        return insertQueued(request, null);
    }

    /** As {@link #insertQueued(NewRequest)}, remembering the key its answer is to be cached under (null: none). */
    boolean insertQueued(NewRequest request, String cacheKey) {
        return jdbc.sql(INSERT_QUEUED + " ON CONFLICT (user_id, idempotency_key) DO NOTHING")
                        .paramSource(queued(request, cacheKey))
                        .update()
                == 1;
    }

    /**
     * Stores requests without an idempotency key as queued, as one JDBC batch: the driver sends them in one round
     * trip. Without a key nothing can conflict, so each is stored or the batch fails.
     */
    void insertQueuedAll(List<QueuedRow> rows) {
        batches.batchUpdate(
                INSERT_QUEUED,
                rows.stream()
                        .map(row -> {
                            if (row.request().idempotencyKey() != null) {
                                throw new IllegalArgumentException("A batch takes requests without idempotency keys");
                            }
                            return queued(row.request(), row.cacheKey());
                        })
                        .toArray(MapSqlParameterSource[]::new));
    }

    private static MapSqlParameterSource queued(NewRequest request, String cacheKey) {
        return new MapSqlParameterSource()
                .addValue("id", request.id())
                .addValue("userId", request.userId())
                .addValue("type", request.type())
                .addValue("lane", request.lane())
                .addValue("score", request.priorityScore())
                .addValue("input", request.inputJson())
                .addValue("key", request.idempotencyKey(), Types.VARCHAR)
                .addValue("wait", request.estimatedWaitSeconds())
                .addValue("createdAt", OffsetDateTime.ofInstant(request.createdAt(), ZoneOffset.UTC))
                .addValue("reservationId", request.reservationId())
                .addValue("fingerprint", request.fingerprint())
                .addValue("cacheKey", cacheKey, Types.VARCHAR);
    }

    /**
     * Which of the keys have a leader: a request still QUEUED or PROCESSING that follows no other. The keys go as one
     * array, so the statement's text is the same for any number of them and PostgreSQL plans it once.
     */
    Set<String> keysWithLeader(Collection<String> cacheKeys) {
        return new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT cache_key FROM ai_requests
                        WHERE cache_key = ANY(:keys) AND status IN ('QUEUED', 'PROCESSING') AND leader_id IS NULL
                        """)
                .param("keys", cacheKeys.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    /**
     * The oldest request with this cache key still QUEUED or PROCESSING that follows no other: the leader an
     * identical request attaches to. The caller holds the key's lock.
     */
    Optional<UUID> findLeader(String cacheKey) {
        return jdbc.sql("""
                        SELECT id FROM ai_requests
                        WHERE cache_key = :key AND status IN ('QUEUED', 'PROCESSING') AND leader_id IS NULL
                        ORDER BY created_at, id
                        LIMIT 1
                        """).param("key", cacheKey).query(UUID.class).optional();
    }

    /**
     * Stores the request as QUEUED behind its leader, holding its own lane event (not put in the outbox) for the case
     * that the leader is cancelled; false, storing nothing, when the user already has a request with this idempotency
     * key.
     */
    boolean insertFollower(NewRequest request, String cacheKey, UUID leaderId, String heldTopic, byte[] heldEvent) {
        if (!insertQueued(request, cacheKey)) {
            return false;
        }
        jdbc.sql("""
                        UPDATE ai_requests SET leader_id = :leader, held_topic = :topic, held_event = :event
                        WHERE id = :id
                        """)
                .param("leader", leaderId)
                .param("topic", heldTopic)
                .param("event", heldEvent)
                .param("id", request.id())
                .update();
        return true;
    }

    /**
     * Stores the request as SCHEDULED until {@code notBefore} on the low lane, holding its lane event for the release;
     * false, storing nothing, when the user already has a request with this idempotency key.
     */
    boolean insertScheduled(
            NewRequest request, String cacheKey, Instant notBefore, String heldTopic, byte[] heldEvent) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(request.createdAt(), ZoneOffset.UTC);
        int inserted = jdbc.sql("""
                        INSERT INTO ai_requests (id, user_id, type, status, lane, priority_score, input,
                            idempotency_key, estimated_wait_seconds, created_at, updated_at, reservation_id,
                            request_fingerprint, cache_key, not_before, held_topic, held_event)
                        VALUES (:id, :userId, :type, 'SCHEDULED', 'low', :score, CAST(:input AS jsonb),
                            :key, :wait, :createdAt, :createdAt, :reservationId, :fingerprint, :cacheKey,
                            :notBefore, :topic, :event)
                        ON CONFLICT (user_id, idempotency_key) DO NOTHING
                        """)
                .param("id", request.id())
                .param("userId", request.userId())
                .param("type", request.type())
                .param("score", request.priorityScore())
                .param("input", request.inputJson())
                .param("key", request.idempotencyKey())
                .param("wait", request.estimatedWaitSeconds())
                .param("createdAt", createdAt)
                .param("reservationId", request.reservationId())
                .param("fingerprint", request.fingerprint())
                .param("cacheKey", cacheKey)
                .param("notBefore", OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC))
                .param("topic", heldTopic)
                .param("event", heldEvent)
                .update();
        return inserted == 1;
    }

    /**
     * Stores the request as COMPLETED with an answer from the response cache; false, storing nothing, when the user
     * already has a request with this idempotency key.
     */
    boolean insertCached(NewRequest request, String cacheKey, String resultJson) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(request.createdAt(), ZoneOffset.UTC);
        int inserted = jdbc.sql("""
                        INSERT INTO ai_requests (id, user_id, type, status, lane, priority_score, input, result,
                            idempotency_key, estimated_wait_seconds, created_at, updated_at, completed_at,
                            reservation_id, request_fingerprint, cache_key, cached)
                        VALUES (:id, :userId, :type, 'COMPLETED', :lane, :score, CAST(:input AS jsonb),
                            CAST(:result AS jsonb), :key, 0, :createdAt, :createdAt, :createdAt, :reservationId,
                            :fingerprint, :cacheKey, true)
                        ON CONFLICT (user_id, idempotency_key) DO NOTHING
                        """)
                .param("id", request.id())
                .param("userId", request.userId())
                .param("type", request.type())
                .param("lane", request.lane())
                .param("score", request.priorityScore())
                .param("input", request.inputJson())
                .param("result", resultJson)
                .param("key", request.idempotencyKey())
                .param("createdAt", createdAt)
                .param("reservationId", request.reservationId())
                .param("fingerprint", request.fingerprint())
                .param("cacheKey", cacheKey)
                .update();
        return inserted == 1;
    }

    /** A request to store as queued, with the key its answer is to be cached under (null: none). */
    record QueuedRow(NewRequest request, String cacheKey) {}

    record NewRequest(
            UUID id,
            String userId,
            String type,
            String lane,
            int priorityScore,
            String inputJson,
            String idempotencyKey,
            int estimatedWaitSeconds,
            Instant createdAt,
            UUID reservationId,
            String fingerprint) {}

    /**
     * An answer already given under an idempotency key.
     *
     * @param fingerprint of the endpoint and body it was given for; null for requests stored before fingerprints
     */
    record EarlierAnswer(SubmissionAccepted answer, String fingerprint) {

        /** Whether a repeat with this fingerprint is the same request, so it gets the same answer. */
        boolean matches(String other) {
            return fingerprint == null || fingerprint.equals(other);
        }
    }
}
