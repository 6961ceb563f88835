package com.clientnest.gateway.outbox;

import com.clientnest.gateway.outbox.Outbox.PreparedRecord;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private static final String INSERT = """
            INSERT INTO outbox (topic, record_key, payload, headers)
            VALUES (:topic, :key, :payload, CAST(:headers AS jsonb))
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    OutboxRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    void insert(String topic, String key, byte[] payload) {
        insert(topic, key, payload, null);
    }

    /** @param headersJson the record's headers as a JSON object of name to base64 value, or null for none */
    void insert(String topic, String key, byte[] payload, String headersJson) {
        jdbc.sql(INSERT)
                .param("topic", topic)
                .param("key", key)
                .param("payload", payload)
                .param("headers", headersJson)
                .update();
    }

    /** Inserts the records as one JDBC batch: the driver sends them in one round trip. */
    void insertAll(List<PreparedRecord> records) {
        batches.batchUpdate(
                INSERT,
                records.stream()
                        .map(record -> new MapSqlParameterSource()
                                .addValue("topic", record.topic())
                                .addValue("key", record.key())
                                .addValue("payload", record.payload())
                                .addValue("headers", record.headersJson(), Types.VARCHAR))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /**
     * Locks up to {@code limit} unpublished rows, oldest first, for the current transaction. Rows another
     * instance is publishing are skipped rather than waited for, so several gateways drain the outbox together.
     */
    List<PendingRecord> lockPending(int limit) {
        return jdbc.sql("""
                        SELECT id, topic, record_key, payload, headers::text AS headers FROM outbox
                        WHERE published_at IS NULL
                        ORDER BY id
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED
                        """)
                .param("limit", limit)
                .query((rs, row) -> new PendingRecord(
                        rs.getLong("id"),
                        rs.getString("topic"),
                        rs.getString("record_key"),
                        rs.getBytes("payload"),
                        OutboxHeaders.fromJson(rs.getString("headers"))))
                .list();
    }

    void markPublished(List<Long> ids, Instant publishedAt) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox SET published_at = :at WHERE id = ANY(:ids)")
                .param("at", OffsetDateTime.ofInstant(publishedAt, ZoneOffset.UTC))
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    int deletePublishedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM outbox WHERE published_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }

    record PendingRecord(long id, String topic, String key, byte[] payload, Map<String, byte[]> headers) {

        PendingRecord(long id, String topic, String key, byte[] payload) {
            this(id, topic, key, payload, Map.of());
        }
    }
}
