package com.clientnest.cost.usage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code usage_records} table: one row per usage event ever received. */
@Repository
class UsageRecords {

    private final JdbcClient jdbc;

    UsageRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the records whose event ids are not there yet, in one statement; the ones that were new, in order.
     * An event twice in the batch is new only the first time. The columns travel as arrays and are unnested in
     * PostgreSQL, so a batch of hundreds costs one round trip and one statement, not one each.
     */
    List<PricedUsage> insertNew(List<PricedUsage> batch) {
        int n = batch.size();
        String[] eventIds = new String[n];
        String[] requestIds = new String[n];
        String[] userIds = new String[n];
        String[] tiers = new String[n];
        String[] types = new String[n];
        String[] models = new String[n];
        Long[] promptTokens = new Long[n];
        Long[] completionTokens = new Long[n];
        Long[] totalTokens = new Long[n];
        Long[] cacheHitTokens = new Long[n];
        Long[] cacheMissTokens = new Long[n];
        Long[] latencies = new Long[n];
        Boolean[] cacheHits = new Boolean[n];
        String[] occurredAt = new String[n];
        String[] months = new String[n];
        String[] costs = new String[n];
        Long[] requestCounts = new Long[n];
        for (int i = 0; i < n; i++) {
            RecordedUsage usage = batch.get(i).usage();
            eventIds[i] = usage.eventId().toString();
            requestIds[i] = usage.requestId();
            userIds[i] = usage.userId();
            tiers[i] = usage.tier().name();
            types[i] = usage.type().name();
            models[i] = usage.model();
            promptTokens[i] = (long) usage.usage().getPromptTokens();
            completionTokens[i] = (long) usage.usage().getCompletionTokens();
            totalTokens[i] = (long) usage.usage().getTotalTokens();
            cacheHitTokens[i] = (long) usage.usage().getPromptCacheHitTokens();
            cacheMissTokens[i] = (long) usage.usage().getPromptCacheMissTokens();
            latencies[i] = usage.latencyMs();
            cacheHits[i] = usage.cacheHit();
            occurredAt[i] = usage.occurredAt().toString();
            months[i] = usage.month().toString();
            costs[i] = batch.get(i).costUsd().toPlainString();
            requestCounts[i] = (long) usage.requestCount();
        }
        Set<UUID> inserted = new HashSet<>(jdbc.sql("""
                        INSERT INTO usage_records (event_id, request_id, user_id, tier, request_type, model,
                                                   prompt_tokens, completion_tokens, total_tokens,
                                                   prompt_cache_hit_tokens, prompt_cache_miss_tokens, latency_ms,
                                                   cache_hit, occurred_at, month, cost_usd, request_count,
                                                   recorded_at)
                        SELECT CAST(e AS uuid), r, u, t, ty, m, p, c, tt, h, mi, l, ch, CAST(o AS timestamptz), mo,
                               CAST(co AS numeric), rc, now()
                        FROM unnest(CAST(:eventIds AS text[]), CAST(:requestIds AS text[]), CAST(:userIds AS text[]),
                                    CAST(:tiers AS text[]), CAST(:types AS text[]), CAST(:models AS text[]),
                                    CAST(:promptTokens AS bigint[]), CAST(:completionTokens AS bigint[]),
                                    CAST(:totalTokens AS bigint[]), CAST(:cacheHitTokens AS bigint[]),
                                    CAST(:cacheMissTokens AS bigint[]), CAST(:latencies AS bigint[]),
                                    CAST(:cacheHits AS boolean[]), CAST(:occurredAt AS text[]),
                                    CAST(:months AS text[]), CAST(:costs AS text[]),
                                    CAST(:requestCounts AS bigint[]))
                             AS batch (e, r, u, t, ty, m, p, c, tt, h, mi, l, ch, o, mo, co, rc)
                        ON CONFLICT (event_id) DO NOTHING
                        RETURNING event_id
                        """)
                .param("eventIds", eventIds)
                .param("requestIds", requestIds)
                .param("userIds", userIds)
                .param("tiers", tiers)
                .param("types", types)
                .param("models", models)
                .param("promptTokens", promptTokens)
                .param("completionTokens", completionTokens)
                .param("totalTokens", totalTokens)
                .param("cacheHitTokens", cacheHitTokens)
                .param("cacheMissTokens", cacheMissTokens)
                .param("latencies", latencies)
                .param("cacheHits", cacheHits)
                .param("occurredAt", occurredAt)
                .param("months", months)
                .param("costs", costs)
                .param("requestCounts", requestCounts)
                .query(UUID.class)
                .list());
        List<PricedUsage> fresh = new ArrayList<>(inserted.size());
        for (PricedUsage priced : batch) {
            // Removing marks an event id twice in the batch as new only the first time.
            if (inserted.remove(priced.usage().eventId())) {
                fresh.add(priced);
            }
        }
        return fresh;
    }
}
