package com.clientnest.local.faults;

import com.clientnest.infrastructure.Infrastructure;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** What the gateway's and the cost service's own tables say, read directly: the suite's evidence. */
final class PipelineRecords {

    private final Infrastructure infrastructure;

    PipelineRecords(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Requests by status, among the given ids; ids the gateway has no row for count as {@code MISSING}. */
    Map<String, Long> statuses(List<String> requestIds) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT status, count(*) FROM gateway.ai_requests WHERE id = ANY (?) GROUP BY status")) {
            Array ids = db.createArrayOf(
                    "uuid", requestIds.stream().map(UUID::fromString).toArray());
            query.setArray(1, ids);
            long found = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                    found += rows.getLong(2);
                }
            }
            if (found < requestIds.size()) {
                counts.put("MISSING", requestIds.size() - found);
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Usage records of DeepSeek calls in the cost service's ledger, all time (cache hits made no call). */
    long usageRecords() {
        return single("SELECT count(*) FROM cost.usage_records WHERE NOT cache_hit");
    }

    /**
     * Requests with more usage records than DeepSeek calls they need, i.e. a call made twice, all time: one call each,
     * one per variant for content suggestions (their records carry the variant count as {@code request_count}).
     */
    long calledTwice() {
        return single("SELECT count(*) FROM (SELECT request_id FROM cost.usage_records WHERE NOT cache_hit"
                + " GROUP BY request_id HAVING count(*) > max(request_count)) twice");
    }

    private long single(String sql) {
        try (Connection db = connect();
                PreparedStatement query = db.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                infrastructure.jdbcUrl(), infrastructure.databaseUsername(), infrastructure.databasePassword());
    }
}
