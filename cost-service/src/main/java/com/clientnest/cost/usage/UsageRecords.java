package com.clientnest.cost.usage;

import java.math.BigDecimal;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code usage_records} table: one row per usage event ever received. */
@Repository
class UsageRecords {

    private final JdbcClient jdbc;

    UsageRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
