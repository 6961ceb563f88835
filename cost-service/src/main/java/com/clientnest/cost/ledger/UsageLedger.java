package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import java.time.YearMonth;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The monthly usage ledger: one row per user and UTC month, holding running totals so that quota checks read
 * one row instead of summing the month's usage records.
 */
@Repository
public class UsageLedger {

    private final JdbcClient jdbc;

    UsageLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one request to its month's totals; must run in the transaction that recorded the request. */
    public void add(LedgerIncrement increment) {
        jdbc.sql("""
                        INSERT INTO usage_ledger (user_id, month, tier, content_generation, sentiment_analysis,
                                                  content_optimization, total_tokens, cost_usd, updated_at)
                        VALUES (:userId, :month, :tier, :contentGeneration, :sentimentAnalysis,
                                :contentOptimization, :tokens, :costUsd, now())
                        ON CONFLICT (user_id, month) DO UPDATE SET
                            tier = EXCLUDED.tier,
                            content_generation = usage_ledger.content_generation + EXCLUDED.content_generation,
                            sentiment_analysis = usage_ledger.sentiment_analysis + EXCLUDED.sentiment_analysis,
                            content_optimization = usage_ledger.content_optimization + EXCLUDED.content_optimization,
                            total_tokens = usage_ledger.total_tokens + EXCLUDED.total_tokens,
                            cost_usd = usage_ledger.cost_usd + EXCLUDED.cost_usd,
                            updated_at = now()
                        """)
                .param("userId", increment.userId())
                .param("month", increment.month().toString())
                .param("tier", increment.tier().name())
                .param("contentGeneration", countOf(increment, RequestType.CONTENT_GENERATION))
                .param("sentimentAnalysis", countOf(increment, RequestType.SENTIMENT_ANALYSIS))
                .param("contentOptimization", countOf(increment, RequestType.CONTENT_OPTIMIZATION))
                .param("tokens", increment.tokens())
                .param("costUsd", increment.costUsd())
                .update();
    }

    public Optional<MonthlyUsage> find(String userId, YearMonth month) {
        return jdbc.sql("""
                        SELECT content_generation, sentiment_analysis, content_optimization, total_tokens, cost_usd
                        FROM usage_ledger
                        WHERE user_id = :userId AND month = :month
                        """)
                .param("userId", userId)
                .param("month", month.toString())
                .query((rs, row) -> new MonthlyUsage(
                        rs.getLong("content_generation"),
                        rs.getLong("sentiment_analysis"),
                        rs.getLong("content_optimization"),
                        rs.getLong("total_tokens"),
                        rs.getBigDecimal("cost_usd")))
                .optional();
    }

    private static int countOf(LedgerIncrement increment, RequestType type) {
        return increment.type() == type ? 1 : 0;
    }
}
