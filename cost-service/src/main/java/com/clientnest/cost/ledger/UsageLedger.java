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

    /**
     * Adds a usage event to its month's totals: always its tokens and cost, and its request only if no earlier
     * event of the request has counted it. Must run in the transaction that recorded the event, so the request
     * is marked counted exactly when the ledger counts it.
     */
    public void add(LedgerIncrement increment) {
        boolean newRequest = markCounted(increment);
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
                .param("contentGeneration", countOf(increment, newRequest, RequestType.CONTENT_GENERATION))
                .param("sentimentAnalysis", countOf(increment, newRequest, RequestType.SENTIMENT_ANALYSIS))
                .param("contentOptimization", countOf(increment, newRequest, RequestType.CONTENT_OPTIMIZATION))
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

    /**
     * True for the first usage event of its request. Events of one request share the user's key and so arrive in
     * order; should two ever race, the primary key makes the second wait for the first and then find it counted.
     */
    private boolean markCounted(LedgerIncrement increment) {
        return jdbc.sql("""
                                INSERT INTO counted_requests (request_id, user_id, month)
                                VALUES (:requestId, :userId, :month)
                                ON CONFLICT (request_id) DO NOTHING
                                """)
                        .param("requestId", increment.requestId())
                        .param("userId", increment.userId())
                        .param("month", increment.month().toString())
                        .update()
                == 1;
    }

    private static int countOf(LedgerIncrement increment, boolean newRequest, RequestType type) {
        return newRequest && increment.type() == type ? 1 : 0;
    }
}
