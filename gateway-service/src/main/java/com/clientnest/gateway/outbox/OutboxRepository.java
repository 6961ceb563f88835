package com.clientnest.gateway.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String topic, String key, byte[] payload) {
        jdbc.sql("INSERT INTO outbox (topic, record_key, payload) VALUES (:topic, :key, :payload)")
                .param("topic", topic)
                .param("key", key)
                .param("payload", payload)
                .update();
    }

    /**
     * Locks up to {@code limit} unpublished rows, oldest first, for the current transaction. Rows another
     * instance is publishing are skipped rather than waited for, so several gateways drain the outbox together.
     */
    List<PendingRecord> lockPending(int limit) {
        return jdbc.sql("""
                        SELECT id, topic, record_key, payload FROM outbox
                        WHERE published_at IS NULL
                        ORDER BY id
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED
                        """)
                .param("limit", limit)
                .query((rs, row) -> new PendingRecord(
                        rs.getLong("id"), rs.getString("topic"), rs.getString("record_key"), rs.getBytes("payload")))
                .list();
    }

    void markPublished(List<Long> ids, Instant publishedAt) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox SET published_at = :at WHERE id IN (:ids)")
                .param("at", OffsetDateTime.ofInstant(publishedAt, ZoneOffset.UTC))
                .param("ids", ids)
                .update();
    }

    int deletePublishedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM outbox WHERE published_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }

    record PendingRecord(long id, String topic, String key, byte[] payload) {}
}
