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

    /** The first answer given for this user's idempotency key, with what it was given for, if there was one. */
    Optional<EarlierAnswer> findAnswer(String userId, String idempotencyKey) {
        return jdbc.sql("""
                        SELECT id, lane, estimated_wait_seconds, request_fingerprint FROM ai_requests
                        WHERE user_id = :userId AND idempotency_key = :key
                        """)
                .param("userId", userId)
                .param("key", idempotencyKey)
                .query((rs, row) -> new EarlierAnswer(
                        SubmissionAccepted.queued(
                                rs.getObject("id", UUID.class),
                                rs.getString("lane"),
                                rs.getInt("estimated_wait_seconds")),
                        rs.getString("request_fingerprint")))
                .optional();
    }

    /**
     * Stores the request as queued. Returns false, storing nothing, when the user already has a request with this
     * idempotency key: a concurrent duplicate waits here for the first one to commit instead of failing.
     */
    boolean insertQueued(NewRequest request) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(request.createdAt(), ZoneOffset.UTC);
        int inserted = jdbc.sql("""
                        INSERT INTO ai_requests (id, user_id, type, status, lane, priority_score, input,
                            idempotency_key, estimated_wait_seconds, created_at, updated_at, reservation_id,
                            request_fingerprint)
                        VALUES (:id, :userId, :type, 'QUEUED', :lane, :score, CAST(:input AS jsonb),
                            :key, :wait, :createdAt, :createdAt, :reservationId, :fingerprint)
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
                .param("fingerprint", request.fingerprint())
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
