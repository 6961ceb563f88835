package com.clientnest.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads this service's tables whole, for assertions in integration tests. */
final class CostTables {

    private final JdbcClient jdbc;

    CostTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long usageRecordCount(String userId) {
        return jdbc.sql("SELECT count(*) FROM usage_records WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    Optional<UsageRecordRow> usageRecord(String eventId) {
        return jdbc.sql("SELECT * FROM usage_records WHERE event_id = ?::uuid")
                .param(eventId)
                .query((rs, row) -> {
                    assertThat(rs.getObject("recorded_at", OffsetDateTime.class))
                            .isNotNull();
                    return new UsageRecordRow(
                            rs.getObject("event_id", UUID.class),
                            rs.getString("request_id"),
                            rs.getString("user_id"),
                            rs.getString("tier"),
                            rs.getString("request_type"),
                            rs.getString("model"),
                            rs.getInt("prompt_tokens"),
                            rs.getInt("completion_tokens"),
                            rs.getInt("total_tokens"),
                            rs.getInt("prompt_cache_hit_tokens"),
                            rs.getInt("prompt_cache_miss_tokens"),
                            rs.getLong("latency_ms"),
                            rs.getBoolean("cache_hit"),
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            rs.getString("month"),
                            rs.getBigDecimal("cost_usd"));
                })
                .optional();
    }

    List<LedgerRow> ledger(String userId) {
        return jdbc.sql("SELECT * FROM usage_ledger WHERE user_id = ? ORDER BY month")
                .param(userId)
                .query((rs, row) -> {
                    assertThat(rs.getObject("updated_at", OffsetDateTime.class)).isNotNull();
                    return new LedgerRow(
                            rs.getString("user_id"),
                            rs.getString("month"),
                            rs.getString("tier"),
                            rs.getLong("content_generation"),
                            rs.getLong("sentiment_analysis"),
                            rs.getLong("content_optimization"),
                            rs.getLong("total_tokens"),
                            rs.getBigDecimal("cost_usd"));
                })
                .list();
    }

    /** A whole {@code usage_records} row but {@code recorded_at}, which is only checked to be set. */
    record UsageRecordRow(
            UUID eventId,
            String requestId,
            String userId,
            String tier,
            String requestType,
            String model,
            int promptTokens,
            int completionTokens,
            int totalTokens,
            int promptCacheHitTokens,
            int promptCacheMissTokens,
            long latencyMs,
            boolean cacheHit,
            Instant occurredAt,
            String month,
            BigDecimal costUsd) {}

    /** A whole {@code usage_ledger} row but {@code updated_at}, which is only checked to be set. */
    record LedgerRow(
            String userId,
            String month,
            String tier,
            long contentGeneration,
            long sentimentAnalysis,
            long contentOptimization,
            long totalTokens,
            BigDecimal costUsd) {}
}
