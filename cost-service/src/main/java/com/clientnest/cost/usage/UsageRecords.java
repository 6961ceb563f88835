package com.clientnest.cost.usage;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code usage_records} table: one row per usage event ever received. */
@Repository
class UsageRecords {

    private static final String INSERT = """
            INSERT INTO usage_records (event_id, request_id, user_id, tier, request_type, model,
                                       prompt_tokens, completion_tokens, total_tokens,
                                       prompt_cache_hit_tokens, prompt_cache_miss_tokens, latency_ms,
                                       cache_hit, occurred_at, month, cost_usd, recorded_at)
            VALUES (:eventId, :requestId, :userId, :tier, :requestType, :model,
                    :promptTokens, :completionTokens, :totalTokens,
                    :promptCacheHitTokens, :promptCacheMissTokens, :latencyMs,
                    :cacheHit, :occurredAt, :month, :costUsd, now())
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    UsageRecords(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Stores the records whose event ids are not there yet, in one round trip; the ones that were new, in order.
     * An event twice in the batch is new only the first time.
     */
    List<PricedUsage> insertNew(List<PricedUsage> batch) {
        SqlParameterSource[] rows = batch.stream()
                .map(priced -> parameters(priced.usage(), priced.costUsd()))
                .toArray(SqlParameterSource[]::new);
        int[] inserted = batches.batchUpdate(INSERT, rows);
        List<PricedUsage> fresh = new ArrayList<>(batch.size());
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 1) {
                fresh.add(batch.get(i));
            }
        }
        return fresh;
    }

    private static SqlParameterSource parameters(RecordedUsage usage, BigDecimal costUsd) {
        return new MapSqlParameterSource()
                .addValue("eventId", usage.eventId())
                .addValue("requestId", usage.requestId())
                .addValue("userId", usage.userId())
                .addValue("tier", usage.tier().name())
                .addValue("requestType", usage.type().name())
                .addValue("model", usage.model())
                .addValue("promptTokens", usage.usage().getPromptTokens())
                .addValue("completionTokens", usage.usage().getCompletionTokens())
                .addValue("totalTokens", usage.usage().getTotalTokens())
                .addValue("promptCacheHitTokens", usage.usage().getPromptCacheHitTokens())
                .addValue("promptCacheMissTokens", usage.usage().getPromptCacheMissTokens())
                .addValue("latencyMs", usage.latencyMs())
                .addValue("cacheHit", usage.cacheHit())
                .addValue("occurredAt", Timestamp.from(usage.occurredAt()))
                .addValue("month", usage.month().toString())
                .addValue("costUsd", costUsd);
    }

    /** Stores the record unless its event id is already there; true when it was new. */
    boolean insertIfNew(RecordedUsage usage, BigDecimal costUsd) {
        return jdbc.sql("""
                        INSERT INTO usage_records (event_id, request_id, user_id, tier, request_type, model,
                                                   prompt_tokens, completion_tokens, total_tokens,
                                                   prompt_cache_hit_tokens, prompt_cache_miss_tokens, latency_ms,
                                                   cache_hit, occurred_at, month, cost_usd, recorded_at)
                        VALUES (:eventId, :requestId, :userId, :tier, :requestType, :model,
                                :promptTokens, :completionTokens, :totalTokens,
                                :promptCacheHitTokens, :promptCacheMissTokens, :latencyMs,
                                :cacheHit, :occurredAt, :month, :costUsd, now())
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                        .param("eventId", usage.eventId())
                        .param("requestId", usage.requestId())
                        .param("userId", usage.userId())
                        .param("tier", usage.tier().name())
                        .param("requestType", usage.type().name())
                        .param("model", usage.model())
                        .param("promptTokens", usage.usage().getPromptTokens())
                        .param("completionTokens", usage.usage().getCompletionTokens())
                        .param("totalTokens", usage.usage().getTotalTokens())
                        .param("promptCacheHitTokens", usage.usage().getPromptCacheHitTokens())
                        .param("promptCacheMissTokens", usage.usage().getPromptCacheMissTokens())
                        .param("latencyMs", usage.latencyMs())
                        .param("cacheHit", usage.cacheHit())
                        .param("occurredAt", Timestamp.from(usage.occurredAt()))
                        .param("month", usage.month().toString())
                        .param("costUsd", costUsd)
                        .update()
                == 1;
    }
}
