package com.clientnest.gateway.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads requests for their owners and records their final outcome. */
@Repository
class StatusRepository {

    private final JdbcClient jdbc;

    StatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the outcome unless the request is already final, so a replayed or late event changes nothing.
     * Returns whether the request changed.
     */
    boolean finish(
            UUID requestId,
            RequestStatus status,
            String resultJson,
            String errorJson,
            Instant completedAt,
            Instant now) {
        return jdbc.sql("""
                                UPDATE ai_requests
                                SET status = :status, result = CAST(:result AS jsonb), error = CAST(:error AS jsonb),
                                    completed_at = :completedAt, updated_at = :now
                                WHERE id = :id AND status IN ('QUEUED', 'PROCESSING')
                                """)
                        .param("status", status.name())
                        .param("result", resultJson)
                        .param("error", errorJson)
                        .param("completedAt", utc(completedAt))
                        .param("now", utc(now))
                        .param("id", requestId)
                        .update()
                == 1;
    }

    /** The request's status, whoever owns it; for the ops desk. */
    Optional<RequestStatus> statusOf(UUID requestId) {
        return jdbc.sql("SELECT status FROM ai_requests WHERE id = :id")
                .param("id", requestId)
                .query((rs, row) -> RequestStatus.valueOf(rs.getString("status")))
                .optional();
    }

    /** Puts a dead-lettered or failed request back to QUEUED for a replay, forgetting its outcome. */
    boolean requeue(UUID requestId, Instant now) {
        return jdbc.sql("""
                                UPDATE ai_requests
                                SET status = 'QUEUED', result = NULL, error = NULL, completed_at = NULL,
                                    updated_at = :now
                                WHERE id = :id AND status IN ('DEAD_LETTERED', 'FAILED')
                                """).param("now", utc(now)).param("id", requestId).update() == 1;
    }

    /** Fails a request that has not completed, e.g. when ops discard its dead letter; returns whether it changed. */
    boolean fail(UUID requestId, String errorJson, Instant now) {
        return jdbc.sql("""
                                UPDATE ai_requests
                                SET status = 'FAILED', error = CAST(:error AS jsonb),
                                    completed_at = COALESCE(completed_at, :now), updated_at = :now
                                WHERE id = :id AND status IN ('QUEUED', 'PROCESSING', 'DEAD_LETTERED', 'FAILED')
                                """)
                        .param("error", errorJson)
                        .param("now", utc(now))
                        .param("id", requestId)
                        .update()
                == 1;
    }

    /** The request if it exists and belongs to the user; another user's request is as absent as an unknown one. */
    Optional<StoredRequest> findOwned(UUID requestId, String userId) {
        return jdbc.sql("""
                        SELECT id, type, status, lane, created_at, completed_at,
                               result::text AS result, error::text AS error
                        FROM ai_requests WHERE id = :id AND user_id = :userId
                        """)
                .param("id", requestId)
                .param("userId", userId)
                .query(StatusRepository::map)
                .optional();
    }

    private static StoredRequest map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime completedAt = rs.getObject("completed_at", OffsetDateTime.class);
        return new StoredRequest(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getString("lane"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                completedAt == null ? null : completedAt.toInstant(),
                rs.getString("result"),
                rs.getString("error"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record StoredRequest(
            UUID id,
            String type,
            RequestStatus status,
            String lane,
            Instant createdAt,
            Instant completedAt,
            String resultJson,
            String errorJson) {}
}
