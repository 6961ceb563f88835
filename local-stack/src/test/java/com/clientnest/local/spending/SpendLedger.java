package com.clientnest.local.spending;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import com.clientnest.local.spending.SpendBenchmark.Planned;
import com.clientnest.local.spending.SpendBenchmark.Run;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The cost service's and the gateway's tables, read for one benchmark run's users. */
final class SpendLedger {

    // deepseek-flash in cost.yml, USD per million tokens: input cache hit, input cache miss, output.
    private static final BigDecimal[] PEAK = {new BigDecimal("0.028"), new BigDecimal("0.28"), new BigDecimal("0.42")};
    private static final BigDecimal[] OFF_PEAK = {
        new BigDecimal("0.014"), new BigDecimal("0.14"), new BigDecimal("0.21")
    };

    private final EmbeddedInfrastructure infrastructure;
    private final String[] userIds;

    SpendLedger(EmbeddedInfrastructure infrastructure, List<String> userIds) {
        this.infrastructure = infrastructure;
        this.userIds = userIds.toArray(String[]::new);
    }

    void awaitAllFinal(int requests, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long open = single("""
                    SELECT count(*) FROM gateway.ai_requests WHERE user_id = ANY(?)
                    AND status NOT IN ('COMPLETED', 'FAILED', 'DEAD_LETTERED', 'CANCELLED')""");
            long all = single("SELECT count(*) FROM gateway.ai_requests WHERE user_id = ANY(?)");
            if (open == 0 && all == requests) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(open + " of " + all + " requests still open");
            }
            TimeUnit.SECONDS.sleep(2);
        }
    }

    void awaitAllSettled(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (single("""
                        SELECT count(*) FROM gateway.ai_requests r
                        WHERE r.user_id = ANY(?) AND r.status = 'COMPLETED'
                        AND NOT EXISTS (SELECT 1 FROM cost.usage_records u WHERE u.request_id = r.id::text)""") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Usage of completed requests is still missing from the ledger");
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    Run measure(
            String name,
            long calls,
            Map<String, Planned> byRequest,
            Map<String, Integer> answers,
            LocalTime windowStart,
            LocalTime windowEnd)
            throws SQLException {
        long tokens = single("SELECT COALESCE(sum(total_tokens), 0) FROM cost.usage_records WHERE user_id = ANY(?)");
        long hits = single("SELECT count(*) FROM cost.usage_records WHERE user_id = ANY(?) AND cache_hit");
        BigDecimal ledgerUsd =
                decimal("SELECT COALESCE(sum(cost_usd), 0) FROM cost.usage_ledger WHERE user_id = ANY(?)");
        BigDecimal summarySaving = decimal("""
                SELECT COALESCE(sum(peak_cost_usd - cost_usd), 0) FROM cost.deferral_savings WHERE user_id = ANY(?)""");
        BigDecimal recomputed = BigDecimal.ZERO.setScale(10);
        BigDecimal deferrable = BigDecimal.ZERO.setScale(10);
        long offPeak = 0;
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement("""
                        SELECT request_id, prompt_cache_hit_tokens, prompt_tokens, completion_tokens, occurred_at,
                               cache_hit, cost_usd
                        FROM cost.usage_records WHERE user_id = ANY(?)""")) {
            query.setArray(1, db.createArrayOf("text", userIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant at =
                            rows.getObject("occurred_at", OffsetDateTime.class).toInstant();
                    boolean inWindow = inside(LocalTime.ofInstant(at, ZoneOffset.UTC), windowStart, windowEnd);
                    BigDecimal cost = rows.getBoolean("cache_hit")
                            ? BigDecimal.ZERO.setScale(10)
                            : price(
                                    inWindow ? OFF_PEAK : PEAK,
                                    rows.getLong("prompt_cache_hit_tokens"),
                                    rows.getLong("prompt_tokens") - rows.getLong("prompt_cache_hit_tokens"),
                                    rows.getLong("completion_tokens"));
                    recomputed = recomputed.add(cost);
                    if (!rows.getBoolean("cache_hit") && inWindow) {
                        offPeak++;
                    }
                    Planned planned = byRequest.get(rows.getString("request_id"));
                    if (planned != null && planned.deferrable()) {
                        deferrable = deferrable.add(rows.getBigDecimal("cost_usd"));
                    }
                }
            }
        }
        Map<String, Integer> finals = new HashMap<>();
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT status, count(*) FROM gateway.ai_requests WHERE user_id = ANY(?) GROUP BY status")) {
            query.setArray(1, db.createArrayOf("text", userIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    finals.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return new Run(
                name,
                calls,
                tokens,
                ledgerUsd,
                recomputed,
                deferrable,
                hits,
                offPeak,
                summarySaving,
                Map.copyOf(answers),
                finals,
                windowStart + "-" + windowEnd);
    }

    // Independent of the cost service's code: the price table above and the per-call rounding the ledger documents
    // (each call to 10 decimal places, half up).
    private static BigDecimal price(BigDecimal[] prices, long hitTokens, long missTokens, long outputTokens) {
        return prices[0]
                .multiply(BigDecimal.valueOf(hitTokens))
                .add(prices[1].multiply(BigDecimal.valueOf(missTokens)))
                .add(prices[2].multiply(BigDecimal.valueOf(outputTokens)))
                .divide(BigDecimal.valueOf(1_000_000))
                .setScale(10, RoundingMode.HALF_UP);
    }

    private static boolean inside(LocalTime time, LocalTime start, LocalTime end) {
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    private long single(String sql) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("text", userIds));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private BigDecimal decimal(String sql) throws SQLException {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("text", userIds));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBigDecimal(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                infrastructure.jdbcUrl(), infrastructure.databaseUsername(), infrastructure.databasePassword());
    }
}
