package com.clientnest.gateway.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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

    /**
     * QUEUED becomes PROCESSING; any other status stays, so a started event arriving after the outcome (it travels
     * on another topic) or after a cancel changes nothing. Returns whether the request changed.
     */
    boolean markProcessing(UUID requestId, Instant now) {
        return jdbc.sql("""
                                UPDATE ai_requests SET status = 'PROCESSING', updated_at = :now
                                WHERE id = :id AND status = 'QUEUED'
                                """).param("now", utc(now)).param("id", requestId).update() == 1;
    }

    /** The key and type under which the request's answer is to be cached, if it has one. */
    Optional<CacheEntryKey> cacheKeyOf(UUID requestId) {
        return jdbc.sql("SELECT cache_key, type FROM ai_requests WHERE id = :id AND cache_key IS NOT NULL")
                .param("id", requestId)
                .query((rs, row) -> new CacheEntryKey(rs.getString("cache_key"), rs.getString("type")))
                .optional();
    }

    record CacheEntryKey(String key, String type) {}

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
                        SELECT id, type, status, lane, created_at, completed_at, not_before,
                               result::text AS result, error::text AS error
                        FROM ai_requests WHERE id = :id AND user_id = :userId
                        """)
                .param("id", requestId)
                .param("userId", userId)
                .query(StatusRepository::map)
                .optional();
    }

    /**
     * Moves the user's request from QUEUED (or SCHEDULED) to CANCELLED in one statement, so a result arriving at the same moment
     * either finds it cancelled or wins and makes it final first.
     *
     * @return empty when nothing was cancelled; else the reservation to give back, if the request had one
     */
    Optional<Optional<UUID>> cancelQueued(UUID requestId, String userId, Instant now) {
        List<Optional<UUID>> cancelled = jdbc.sql("""
                        UPDATE ai_requests SET status = 'CANCELLED', completed_at = :now, updated_at = :now,
                            held_topic = NULL, held_event = NULL
                        WHERE id = :id AND user_id = :userId AND status IN ('QUEUED', 'SCHEDULED')
                        RETURNING reservation_id
                        """)
                .param("now", utc(now))
                .param("id", requestId)
                .param("userId", userId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject("reservation_id", UUID.class)))
                .list();
        return cancelled.stream().findFirst();
    }

    /** The requests of these ids that exist, with their results; for the event streams, which checked ownership. */
    Map<UUID, StoredRequest> findAll(List<UUID> ids) {
        return jdbc.sql("""
                        SELECT id, type, status, lane, created_at, completed_at, not_before,
                               result::text AS result, error::text AS error
                        FROM ai_requests WHERE id = ANY(:ids)
                        """).param("ids", ids.toArray(UUID[]::new)).query(StatusRepository::map).list().stream()
                .collect(java.util.stream.Collectors.toMap(StoredRequest::id, request -> request));
    }

    /** A page of the user's requests, newest first, after the filter's cursor. */
    List<StoredRequest> page(ListFilter filter, int limit) {
        // Each optional condition is switched off by a NULL parameter, so one statement (and one plan) serves all
        // combinations; the keyset (created_at, id) walks the (user_id, created_at DESC) index.
        return jdbc.sql("""
                        SELECT id, type, status, lane, created_at, completed_at, not_before, NULL AS result, NULL AS error
                        FROM ai_requests
                        WHERE user_id = :userId
                          AND (CAST(:status AS text) IS NULL OR status = :status)
                          AND (CAST(:type AS text) IS NULL OR type = :type)
                          AND (CAST(:since AS timestamptz) IS NULL OR created_at >= :since)
                          AND (CAST(:afterTime AS timestamptz) IS NULL
                               OR (created_at, id) < (CAST(:afterTime AS timestamptz), CAST(:afterId AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("userId", filter.userId())
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("type", filter.type())
                .param("since", utc(filter.since()))
                .param(
                        "afterTime",
                        filter.after() == null ? null : utc(filter.after().createdAt()))
                .param("afterId", filter.after() == null ? null : filter.after().id())
                .param("limit", limit)
                .query(StatusRepository::map)
                .list();
    }

    private static StoredRequest map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime completedAt = rs.getObject("completed_at", OffsetDateTime.class);
        OffsetDateTime notBefore = rs.getObject("not_before", OffsetDateTime.class);
        return new StoredRequest(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getString("lane"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                completedAt == null ? null : completedAt.toInstant(),
                rs.getString("result"),
                rs.getString("error"),
                notBefore == null ? null : notBefore.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** What to list; a null member does not filter. */
    record ListFilter(String userId, RequestStatus status, String type, Instant since, PageCursor after) {}

    record StoredRequest(
            UUID id,
            String type,
            RequestStatus status,
            String lane,
            Instant createdAt,
            Instant completedAt,
            String resultJson,
            String errorJson,
            Instant notBefore) {}
}
