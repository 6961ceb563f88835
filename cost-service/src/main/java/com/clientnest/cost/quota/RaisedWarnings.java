package com.clientnest.cost.quota;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the warnings raised for a user's month, for the usage summary. */
@Repository
class RaisedWarnings {

    private final JdbcClient jdbc;

    RaisedWarnings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RaisedWarning> of(String userId, YearMonth month) {
        return jdbc.sql("""
                        SELECT metric, threshold, used, quota_limit, raised_at FROM quota_warnings
                        WHERE user_id = :userId AND month = :month ORDER BY raised_at, metric, threshold
                        """)
                .param("userId", userId)
                .param("month", month.toString())
                .query((rs, row) -> new RaisedWarning(
                        rs.getString("metric"),
                        rs.getBigDecimal("threshold"),
                        rs.getBigDecimal("used").stripTrailingZeros(),
                        rs.getBigDecimal("quota_limit").stripTrailingZeros(),
                        rs.getObject("raised_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * A warning as the usage summary shows it.
     *
     * @param threshold 0.80 or 1.00 of the limit
     * @param used the settled usage that reached it
     */
    record RaisedWarning(String metric, BigDecimal threshold, BigDecimal used, BigDecimal limit, Instant raisedAt) {}
}
