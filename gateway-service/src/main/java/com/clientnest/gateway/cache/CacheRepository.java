package com.clientnest.gateway.cache;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code response_cache} table: one answer per key, shared by every gateway instance. */
@Repository
class CacheRepository {

    private final JdbcClient jdbc;

    CacheRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CachedAnswer> find(String key, Instant now) {
        return jdbc.sql("""
                        SELECT result::text AS result, model FROM response_cache
                        WHERE cache_key = :key AND expires_at > :now
                        """)
                .param("key", key)
                .param("now", utc(now))
                .query((rs, row) -> new CachedAnswer(rs.getString("result"), rs.getString("model")))
                .optional();
    }

    /** Which of the keys have an answer that has not expired; the keys go as one array, so one statement plans once. */
    Set<String> findKeys(Collection<String> keys, Instant now) {
        return new HashSet<>(jdbc.sql("""
                        SELECT cache_key FROM response_cache
                        WHERE cache_key = ANY(:keys) AND expires_at > :now
                        """)
                .param("keys", keys.toArray(String[]::new))
                .param("now", utc(now))
                .query(String.class)
                .list());
    }

    /** Stores or renews the answer under its key; the newest answer wins. */
    void put(String key, String type, CachedAnswer answer, Instant storedAt, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO response_cache (cache_key, type, model, result, stored_at, expires_at)
                        VALUES (:key, :type, :model, CAST(:result AS jsonb), :storedAt, :expiresAt)
                        ON CONFLICT (cache_key) DO UPDATE SET model = EXCLUDED.model, result = EXCLUDED.result,
                            stored_at = EXCLUDED.stored_at, expires_at = EXCLUDED.expires_at
                        """)
                .param("key", key)
                .param("type", type)
                .param("model", answer.model())
                .param("result", answer.resultJson())
                .param("storedAt", utc(storedAt))
                .param("expiresAt", utc(expiresAt))
                .update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM response_cache WHERE expires_at <= :now")
                .param("now", utc(now))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
