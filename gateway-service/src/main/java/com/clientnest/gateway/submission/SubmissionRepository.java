package com.clientnest.gateway.submission;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes new requests into {@code ai_requests}; the status package owns reading and finishing them. */
@Repository
class SubmissionRepository {

    private final JdbcClient jdbc;

    SubmissionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first answer given for this user's idempotency key, if there was one. */
    Optional<SubmissionAccepted> findAnswer(String userId, String idempotencyKey) {
        return jdbc.sql("""
                        SELECT id, lane, estimated_wait_seconds FROM ai_requests
                        WHERE user_id = :userId AND idempotency_key = :key
                        """)
                .param("userId", userId)
                .param("key", idempotencyKey)
                .query((rs, row) -> SubmissionAccepted.queued(
                        rs.getObject("id", UUID.class), rs.getString("lane"), rs.getInt("estimated_wait_seconds")))
                .optional();
    }

    long countQueued(String lane) {
        return jdbc.sql("SELECT count(*) FROM ai_requests WHERE lane = :lane AND status = 'QUEUED'")
                .param("lane", lane)
                .query(Long.class)
                .single();
    }

    /**
     * Stores the request as queued. Returns false, storing nothing, when the user already has a request with this
     * idempotency key: a concurrent duplicate waits here for the first one to commit instead of failing.
     */
    boolean insertQueued(NewRequest request) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(request.createdAt(), ZoneOffset.UTC);
        int inserted = jdbc.sql("""
                        INSERT INTO ai_requests (id, user_id, type, status, lane, priority_score, input,
                            idempotency_key, estimated_wait_seconds, created_at, updated_at, reservation_id)
                        VALUES (:id, :userId, :type, 'QUEUED', :lane, :score, CAST(:input AS jsonb),
                            :key, :wait, :createdAt, :createdAt, :reservationId)
                        ON CONFLICT (user_id, idempotency_key) DO NOTHING
                        """)
                .param("id", request.id())
                .param("userId", request.userId())
                .param("type", request.type())
                .param("lane", request.lane())
                .param("score", request.priorityScore())
                .param("input", request.inputJson())
                .param("key", request.idempotencyKey())
                .param("wait", request.estimatedWaitSeconds())
                .param("createdAt", createdAt)
                .param("reservationId", request.reservationId())
                .update();
        return inserted == 1;
    }

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
            UUID reservationId) {}
}
