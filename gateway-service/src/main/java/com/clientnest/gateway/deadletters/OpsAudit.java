package com.clientnest.gateway.deadletters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The desk's audit trail: one row per action, written in the action's own transaction, never changed. */
@Repository
class OpsAudit {

    private final JdbcClient jdbc;

    OpsAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Instant at, Actor actor, String action, long deadLetterId, UUID requestId, String note) {
        jdbc.sql("""
                        INSERT INTO ops_audit (at, actor_id, actor_name, action, dead_letter_id, request_id, note)
                        VALUES (:at, :actorId, :actorName, :action, :deadLetterId, :requestId, :note)
                        """)
                .param("at", DeadLetterRepository.utc(at))
                .param("actorId", actor.id())
                .param("actorName", actor.name())
                .param("action", action)
                .param("deadLetterId", deadLetterId)
                .param("requestId", requestId)
                .param("note", note)
                .update();
    }

    /** Newest first; {@code deadLetterId} null for every letter, {@code beforeId} null for the first page. */
    List<Entry> list(Long deadLetterId, Long beforeId, int limit) {
        return jdbc.sql("""
                        SELECT id, at, actor_id, actor_name, action, dead_letter_id, request_id, note FROM ops_audit
                        WHERE (CAST(:deadLetterId AS bigint) IS NULL OR dead_letter_id = :deadLetterId)
                          AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId)
                        ORDER BY id DESC
                        LIMIT :limit
                        """)
                .param("deadLetterId", deadLetterId)
                .param("beforeId", beforeId)
                .param("limit", limit)
                .query(OpsAudit::map)
                .list();
    }

    private static Entry map(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor_id"),
                rs.getString("actor_name"),
                rs.getString("action"),
                rs.getLong("dead_letter_id"),
                rs.getObject("request_id", UUID.class),
                rs.getString("note"));
    }

    /** Who acted at the desk. */
    record Actor(String id, String name) {}

    /** One audited action, as the API shows it. */
    record Entry(
            long id,
            Instant at,
            String actorId,
            String actorName,
            String action,
            long deadLetterId,
            UUID requestId,
            String note) {}
}
