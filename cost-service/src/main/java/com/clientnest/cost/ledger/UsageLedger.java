package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The monthly usage ledger: one row per user and UTC month, holding running totals so that quota checks read
 * one row instead of summing the month's usage records.
 */
@Repository
public class UsageLedger {

    private static final String ADD = """
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
            """;

    private static final String MARK_COUNTED = """
            INSERT INTO counted_requests (request_id, user_id, month)
            VALUES (:requestId, :userId, :month)
            ON CONFLICT (request_id) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    UsageLedger(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Adds a batch of recorded usage events to their months' totals: always their tokens and cost, and each
     * request only for its first event ({@code counted_requests}, in the same transaction). Two round trips: the
     * requests counted for the first time, then one upsert per user and month with the batch's sums, taken in key
     * order so that concurrent batches lock rows in the same order. The sums are {@code BigDecimal} and {@code numeric}, exact
     * to the last digit.
     */
    public void addAll(List<LedgerIncrement> increments) {
        int[] counted = batches.batchUpdate(
                MARK_COUNTED,
                increments.stream()
                        .map(increment -> new MapSqlParameterSource()
                                .addValue("requestId", increment.requestId())
                                .addValue("userId", increment.userId())
                                .addValue("month", increment.month().toString()))
                        .toArray(SqlParameterSource[]::new));
        Map<String, MonthSum> sums = new TreeMap<>();
        for (int i = 0; i < increments.size(); i++) {
            LedgerIncrement increment = increments.get(i);
            sums.computeIfAbsent(increment.userId() + "/" + increment.month(), key -> new MonthSum(increment))
                    .add(increment, counted[i] == 1);
        }
        batches.batchUpdate(
                ADD, sums.values().stream().map(MonthSum::parameters).toArray(SqlParameterSource[]::new));
    }

    /** A batch's increments of one user's month, summed. */
    private static final class MonthSum {

        private final LedgerIncrement first;
        private Tier tier;
        private long contentGeneration;
        private long sentimentAnalysis;
        private long contentOptimization;
        private long tokens;
        private BigDecimal costUsd = BigDecimal.ZERO;

        MonthSum(LedgerIncrement first) {
            this.first = first;
        }

        void add(LedgerIncrement increment, boolean newRequest) {
            tier = increment.tier();
            contentGeneration += countOf(increment, newRequest, RequestType.CONTENT_GENERATION);
            sentimentAnalysis += countOf(increment, newRequest, RequestType.SENTIMENT_ANALYSIS);
            contentOptimization += countOf(increment, newRequest, RequestType.CONTENT_OPTIMIZATION);
            tokens += increment.tokens();
            costUsd = costUsd.add(increment.costUsd());
        }

        SqlParameterSource parameters() {
            return new MapSqlParameterSource()
                    .addValue("userId", first.userId())
                    .addValue("month", first.month().toString())
                    .addValue("tier", tier.name())
                    .addValue("contentGeneration", contentGeneration)
                    .addValue("sentimentAnalysis", sentimentAnalysis)
                    .addValue("contentOptimization", contentOptimization)
                    .addValue("tokens", tokens)
                    .addValue("costUsd", costUsd);
        }
    }

    public Optional<MonthlyUsage> find(String userId, YearMonth month) {
        return findMonth(userId, month).map(LedgerMonth::used);
    }

    /** The month's settled usage and what reservations hold, or nothing when the user has no row for it. */
    public Optional<LedgerMonth> findMonth(String userId, YearMonth month) {
        return jdbc.sql("""
                        SELECT content_generation, sentiment_analysis, content_optimization, total_tokens, cost_usd,
                               reserved_content_generation, reserved_sentiment_analysis,
                               reserved_content_optimization, reserved_tokens, reserved_cost_usd
                        FROM usage_ledger
                        WHERE user_id = :userId AND month = :month
                        """)
                .param("userId", userId)
                .param("month", month.toString())
                .query((rs, row) -> new LedgerMonth(
                        new MonthlyUsage(
                                rs.getLong("content_generation"),
                                rs.getLong("sentiment_analysis"),
                                rs.getLong("content_optimization"),
                                rs.getLong("total_tokens"),
                                rs.getBigDecimal("cost_usd")),
                        new MonthlyUsage(
                                rs.getLong("reserved_content_generation"),
                                rs.getLong("reserved_sentiment_analysis"),
                                rs.getLong("reserved_content_optimization"),
                                rs.getLong("reserved_tokens"),
                                rs.getBigDecimal("reserved_cost_usd"))))
                .optional();
    }

    /**
     * Adds the hold to the month's reservations if settled usage, what is already reserved and the hold together
     * stay within every limit. This single conditional UPDATE is the whole admission decision: PostgreSQL locks
     * the row, and a concurrent admission blocked on that lock re-evaluates the WHERE clause against the row as the
     * first one left it, so no interleaving of admissions, on any number of instances, can pass a limit.
     *
     * @return true when the hold was added; false, changing nothing, when it would pass a limit
     */
    public boolean reserve(Hold hold, Tier tier, Limits limits) {
        jdbc.sql("""
                        INSERT INTO usage_ledger (user_id, month, tier) VALUES (:userId, :month, :tier)
                        ON CONFLICT (user_id, month) DO NOTHING
                        """)
                .param("userId", hold.userId())
                .param("month", hold.month().toString())
                .param("tier", tier.name())
                .update();
        String used = usedColumn(hold.type());
        String reserved = "reserved_" + used;
        return jdbc.sql("""
                                UPDATE usage_ledger SET
                                    %2$s = %2$s + 1,
                                    reserved_tokens = reserved_tokens + :tokens,
                                    reserved_cost_usd = reserved_cost_usd + :costUsd,
                                    tier = :tier,
                                    updated_at = now()
                                WHERE user_id = :userId AND month = :month
                                  AND (:requestLimit < 0 OR %1$s + %2$s + 1 <= :requestLimit)
                                  AND (:tokenLimit < 0 OR total_tokens + reserved_tokens + :tokens <= :tokenLimit)
                                  AND (:costLimit < 0 OR cost_usd + reserved_cost_usd + :costUsd <= :costLimit)
                                """.formatted(used, reserved))
                        .param("userId", hold.userId())
                        .param("month", hold.month().toString())
                        .param("tier", tier.name())
                        .param("tokens", hold.tokens())
                        .param("costUsd", hold.costUsd())
                        .param("requestLimit", limits.requests())
                        .param("tokenLimit", limits.tokens())
                        .param("costLimit", limits.costUsd())
                        .update()
                == 1;
    }

    /**
     * Gives a hold back. Callers move its reservation out of RESERVED in the same transaction, so a hold is given
     * back exactly once; the floor at zero only keeps a ledger written by an older version consistent.
     */
    public void unreserve(Hold hold) {
        String reserved = "reserved_" + usedColumn(hold.type());
        jdbc.sql("""
                        UPDATE usage_ledger SET
                            %1$s = GREATEST(%1$s - 1, 0),
                            reserved_tokens = GREATEST(reserved_tokens - :tokens, 0),
                            reserved_cost_usd = GREATEST(reserved_cost_usd - :costUsd, 0),
                            updated_at = now()
                        WHERE user_id = :userId AND month = :month
                        """.formatted(reserved))
                .param("userId", hold.userId())
                .param("month", hold.month().toString())
                .param("tokens", hold.tokens())
                .param("costUsd", hold.costUsd())
                .update();
    }

    /** The ledger column counting settled requests of the type; from a closed enum, never from input. */
    private static String usedColumn(RequestType type) {
        return switch (type) {
            case CONTENT_GENERATION -> "content_generation";
            case SENTIMENT_ANALYSIS -> "sentiment_analysis";
            case CONTENT_OPTIMIZATION -> "content_optimization";
        };
    }

    private static int countOf(LedgerIncrement increment, boolean newRequest, RequestType type) {
        return newRequest && increment.type() == type ? 1 : 0;
    }
}
