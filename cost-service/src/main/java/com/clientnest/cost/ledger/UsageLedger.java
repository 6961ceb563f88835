package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
     * Adds a batch of recorded usage events to their months' totals: always their tokens and cost, and each
     * request (as many requests as it has variants) only for its first event ({@code counted_requests}, in the same transaction). Two statements, the
     * columns as arrays unnested in PostgreSQL: the requests counted for the first time, then the batch's sums per
     * user and month. The sums are {@code BigDecimal} and {@code numeric}, exact
     * to the last digit.
     */
    public void addAll(List<LedgerIncrement> increments) {
        List<LedgerIncrement> counting =
                increments.stream().filter(LedgerIncrement::countsRequest).toList();
        int n = counting.size();
        String[] requestIds = new String[n];
        String[] userIds = new String[n];
        String[] months = new String[n];
        for (int i = 0; i < n; i++) {
            requestIds[i] = counting.get(i).requestId();
            userIds[i] = counting.get(i).userId();
            months[i] = counting.get(i).month().toString();
        }
        Set<String> newRequests = new HashSet<>(jdbc.sql("""
                        INSERT INTO counted_requests (request_id, user_id, month)
                        SELECT r, u, m FROM unnest(CAST(:requestIds AS text[]), CAST(:userIds AS text[]),
                                                   CAST(:months AS text[])) AS batch (r, u, m)
                        ON CONFLICT (request_id) DO NOTHING
                        RETURNING request_id
                        """)
                .param("requestIds", requestIds)
                .param("userIds", userIds)
                .param("months", months)
                .query(String.class)
                .list());
        Map<String, MonthSum> sums = new TreeMap<>();
        for (LedgerIncrement increment : increments) {
            // Removing counts a request whose first events are both in this batch only once.
            boolean newRequest = newRequests.remove(increment.requestId());
            sums.computeIfAbsent(increment.userId() + "/" + increment.month(), key -> new MonthSum(increment))
                    .add(increment, newRequest);
        }
        upsert(List.copyOf(sums.values()));
    }

    /** One statement for all the month sums, in key order so that concurrent batches lock rows in one order. */
    private void upsert(List<MonthSum> sums) {
        int n = sums.size();
        String[] userIds = new String[n];
        String[] months = new String[n];
        String[] tiers = new String[n];
        Long[] contentGeneration = new Long[n];
        Long[] sentimentAnalysis = new Long[n];
        Long[] contentOptimization = new Long[n];
        Long[] tokens = new Long[n];
        String[] costs = new String[n];
        for (int i = 0; i < n; i++) {
            MonthSum sum = sums.get(i);
            userIds[i] = sum.first.userId();
            months[i] = sum.first.month().toString();
            tiers[i] = sum.tier.name();
            contentGeneration[i] = sum.contentGeneration;
            sentimentAnalysis[i] = sum.sentimentAnalysis;
            contentOptimization[i] = sum.contentOptimization;
            tokens[i] = sum.tokens;
            costs[i] = sum.costUsd.toPlainString();
        }
        jdbc.sql("""
                        INSERT INTO usage_ledger (user_id, month, tier, content_generation, sentiment_analysis,
                                                  content_optimization, total_tokens, cost_usd, updated_at)
                        SELECT u, m, t, cg, sa, co, tk, CAST(c AS numeric), now()
                        FROM unnest(CAST(:userIds AS text[]), CAST(:months AS text[]), CAST(:tiers AS text[]),
                                    CAST(:contentGeneration AS bigint[]), CAST(:sentimentAnalysis AS bigint[]),
                                    CAST(:contentOptimization AS bigint[]), CAST(:tokens AS bigint[]),
                                    CAST(:costs AS text[]))
                             WITH ORDINALITY AS batch (u, m, t, cg, sa, co, tk, c, position)
                        ORDER BY position
                        ON CONFLICT (user_id, month) DO UPDATE SET
                            tier = EXCLUDED.tier,
                            content_generation = usage_ledger.content_generation + EXCLUDED.content_generation,
                            sentiment_analysis = usage_ledger.sentiment_analysis + EXCLUDED.sentiment_analysis,
                            content_optimization = usage_ledger.content_optimization + EXCLUDED.content_optimization,
                            total_tokens = usage_ledger.total_tokens + EXCLUDED.total_tokens,
                            cost_usd = usage_ledger.cost_usd + EXCLUDED.cost_usd,
                            updated_at = now()
                        """)
                .param("userIds", userIds)
                .param("months", months)
                .param("tiers", tiers)
                .param("contentGeneration", contentGeneration)
                .param("sentimentAnalysis", sentimentAnalysis)
                .param("contentOptimization", contentOptimization)
                .param("tokens", tokens)
                .param("costs", costs)
                .update();
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
    }

    public Optional<MonthlyUsage> find(String userId, YearMonth month) {
        return findMonth(userId, month).map(LedgerMonth::used);
    }

    /** The settled usage of each of the users in one month; users without a row for it are absent. */
    public Map<String, MonthlyUsage> findUsed(Collection<String> userIds, YearMonth month) {
        Map<String, MonthlyUsage> used = new HashMap<>();
        jdbc.sql("""
                        SELECT user_id, content_generation, sentiment_analysis, content_optimization, total_tokens,
                               cost_usd
                        FROM usage_ledger
                        WHERE user_id = ANY(:userIds) AND month = :month
                        """)
                .param("userIds", userIds.toArray(String[]::new))
                .param("month", month.toString())
                .query(rs -> {
                    used.put(
                            rs.getString("user_id"),
                            new MonthlyUsage(
                                    rs.getLong("content_generation"),
                                    rs.getLong("sentiment_analysis"),
                                    rs.getLong("content_optimization"),
                                    rs.getLong("total_tokens"),
                                    rs.getBigDecimal("cost_usd")));
                });
        return used;
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
     * Makes the current transaction wait at most {@code duration} (a PostgreSQL interval, e.g. {@code 250ms}) for a
     * row lock; past it, the statement fails with a lock-timeout error and the transaction rolls back.
     */
    public void limitLockWait(String duration) {
        jdbc.sql("SELECT set_config('lock_timeout', :duration, true)")
                .param("duration", duration)
                .query((rs, row) -> 1)
                .single();
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
        // The month's row exists for all but a user's first admission of the month, so it is updated first and only
        // created when the update found no row; a row created concurrently makes this a refusal, decided again.
        if (addHold(hold, tier, limits)) {
            return true;
        }
        boolean created = jdbc.sql("""
                                INSERT INTO usage_ledger (user_id, month, tier) VALUES (:userId, :month, :tier)
                                ON CONFLICT (user_id, month) DO NOTHING
                                """)
                        .param("userId", hold.userId())
                        .param("month", hold.month().toString())
                        .param("tier", tier.name())
                        .update()
                == 1;
        return created && addHold(hold, tier, limits);
    }

    private boolean addHold(Hold hold, Tier tier, Limits limits) {
        String used = usedColumn(hold.type());
        String reserved = "reserved_" + used;
        return jdbc.sql("""
                                UPDATE usage_ledger SET
                                    %2$s = %2$s + :requests,
                                    reserved_tokens = reserved_tokens + :tokens,
                                    reserved_cost_usd = reserved_cost_usd + :costUsd,
                                    tier = :tier,
                                    updated_at = now()
                                WHERE user_id = :userId AND month = :month
                                  AND (:requestLimit < 0 OR %1$s + %2$s + :requests <= :requestLimit)
                                  AND (:tokenLimit < 0 OR total_tokens + reserved_tokens + :tokens <= :tokenLimit)
                                  AND (:costLimit < 0 OR cost_usd + reserved_cost_usd + :costUsd <= :costLimit)
                                """.formatted(used, reserved))
                        .param("userId", hold.userId())
                        .param("month", hold.month().toString())
                        .param("tier", tier.name())
                        .param("requests", hold.requests())
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
                            %1$s = GREATEST(%1$s - :requests, 0),
                            reserved_tokens = GREATEST(reserved_tokens - :tokens, 0),
                            reserved_cost_usd = GREATEST(reserved_cost_usd - :costUsd, 0),
                            updated_at = now()
                        WHERE user_id = :userId AND month = :month
                        """.formatted(reserved))
                .param("userId", hold.userId())
                .param("month", hold.month().toString())
                .param("requests", hold.requests())
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
        return newRequest && increment.type() == type ? increment.requests() : 0;
    }
}
