package com.clientnest.gateway.deadletters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeadLetterRepository {

    private static final String COLUMNS = """
            id, topic, topic_partition, topic_offset, record_key, payload, headers::text AS headers, reason_code,
            message, exception_class, original_topic, original_partition, original_offset, attempts, request_id,
            user_id, request_type, dead_lettered_at, state, handled_at, handled_by, note""";

    private final JdbcClient jdbc;

    DeadLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the letter unless its topic position is stored already (a redelivery); true when it was new. */
    boolean insert(IncomingLetter letter, Instant now) {
        return jdbc.sql("""
                                INSERT INTO dead_letters (topic, topic_partition, topic_offset, record_key, payload,
                                    headers, reason_code, message, exception_class, original_topic, original_partition,
                                    original_offset, attempts, request_id, user_id, request_type, dead_lettered_at,
                                    stored_at)
                                VALUES (:topic, :partition, :offset, :key, :payload, CAST(:headers AS jsonb), :reason,
                                    :message, :exceptionClass, :originalTopic, :originalPartition, :originalOffset,
                                    :attempts, :requestId, :userId, :type, :deadLetteredAt, :now)
                                ON CONFLICT ON CONSTRAINT dead_letters_position DO NOTHING
                                """)
                        .param("topic", letter.topic())
                        .param("partition", letter.partition())
                        .param("offset", letter.offset())
                        .param("key", letter.key())
                        .param("payload", letter.payload())
                        .param("headers", letter.headersJson())
                        .param("reason", letter.reasonCode())
                        .param("message", letter.message())
                        .param("exceptionClass", letter.exceptionClass())
                        .param("originalTopic", letter.originalTopic())
                        .param("originalPartition", letter.originalPartition())
                        .param("originalOffset", letter.originalOffset())
                        .param("attempts", letter.attempts())
                        .param("requestId", letter.requestId())
                        .param("userId", letter.userId())
                        .param("type", letter.requestType())
                        .param("deadLetteredAt", utc(letter.deadLetteredAt()))
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    Optional<StoredLetter> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letters WHERE id = :id")
                .param("id", id)
                .query(DeadLetterRepository::map)
                .optional();
    }

    /** Newest first, after the cursor position when there is one. */
    List<StoredLetter> list(LetterFilter filter, Cursor after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM dead_letters
                        WHERE (CAST(:topic AS text) IS NULL OR topic = :topic)
                          AND (CAST(:reason AS text) IS NULL OR reason_code = :reason)
                          AND (CAST(:type AS text) IS NULL OR request_type = :type)
                          AND (CAST(:userId AS text) IS NULL OR user_id = :userId)
                          AND (CAST(:state AS text) IS NULL OR state = :state)
                          AND (CAST(:since AS timestamptz) IS NULL OR dead_lettered_at >= :since)
                          AND (CAST(:until AS timestamptz) IS NULL OR dead_lettered_at < :until)
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (dead_lettered_at, id) < (:afterAt, :afterId))
                        ORDER BY dead_lettered_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("topic", filter.topic())
                .param("reason", filter.reason())
                .param("type", filter.type())
                .param("userId", filter.userId())
                .param("state", filter.state() == null ? null : filter.state().name())
                .param("since", utc(filter.since()))
                .param("until", utc(filter.until()))
                .param("afterAt", after == null ? null : utc(after.deadLetteredAt()))
                .param("afterId", after == null ? 0L : after.id())
                .param("limit", limit)
                .query(DeadLetterRepository::map)
                .list();
    }

    /**
     * Moves an open letter to its final state; false when it was handled already. The conditional UPDATE takes the
     * row lock, so of two concurrent replays (or a replay and a discard) exactly one wins.
     */
    boolean handle(long id, LetterState state, String actor, String note, Instant now) {
        return jdbc.sql("""
                                UPDATE dead_letters SET state = :state, handled_at = :now, handled_by = :actor,
                                    note = :note
                                WHERE id = :id AND state = 'OPEN'
                                """)
                        .param("state", state.name())
                        .param("now", utc(now))
                        .param("actor", actor)
                        .param("note", note)
                        .param("id", id)
                        .update()
                == 1;
    }

    private static StoredLetter map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime handledAt = rs.getObject("handled_at", OffsetDateTime.class);
        return new StoredLetter(
                rs.getLong("id"),
                rs.getString("topic"),
                rs.getInt("topic_partition"),
                rs.getLong("topic_offset"),
                rs.getString("record_key"),
                rs.getBytes("payload"),
                rs.getString("headers"),
                rs.getString("reason_code"),
                rs.getString("message"),
                rs.getString("exception_class"),
                rs.getString("original_topic"),
                (Integer) rs.getObject("original_partition"),
                (Long) rs.getObject("original_offset"),
                (Integer) rs.getObject("attempts"),
                rs.getObject("request_id", UUID.class),
                rs.getString("user_id"),
                rs.getString("request_type"),
                rs.getObject("dead_lettered_at", OffsetDateTime.class).toInstant(),
                LetterState.valueOf(rs.getString("state")),
                handledAt == null ? null : handledAt.toInstant(),
                rs.getString("handled_by"),
                rs.getString("note"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
