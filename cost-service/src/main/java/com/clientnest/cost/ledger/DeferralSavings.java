package com.clientnest.cost.ledger;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What calls for requests held for the off-peak window cost, next to what they would have cost at peak prices: the
 * saving the usage summary shows. Written in the transaction that records the usage, once per usage event.
 */
@Repository
public class DeferralSavings {

    private final JdbcClient jdbc;

    DeferralSavings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One deferred call. */
    public record Saving(UUID eventId, String userId, YearMonth month, BigDecimal costUsd, BigDecimal peakCostUsd) {}

    /** The month's deferred calls of a user and what they saved, exact to the last digit of the stored costs. */
    public record MonthSaving(long deferredCalls, BigDecimal savedUsd) {}

    public void addAll(List<Saving> savings) {
        for (Saving saving : savings) {
            jdbc.sql("""
                            INSERT INTO deferral_savings (event_id, user_id, month, cost_usd, peak_cost_usd)
                            VALUES (:eventId, :userId, :month, :cost, :peak)
                            ON CONFLICT (event_id) DO NOTHING
                            """)
                    .param("eventId", saving.eventId())
                    .param("userId", saving.userId())
                    .param("month", saving.month().toString())
                    .param("cost", saving.costUsd())
                    .param("peak", saving.peakCostUsd())
                    .update();
        }
    }

    public MonthSaving of(String userId, YearMonth month) {
        return jdbc.sql("""
                        SELECT count(*) AS calls, COALESCE(sum(peak_cost_usd - cost_usd), 0) AS saved
                        FROM deferral_savings WHERE user_id = :userId AND month = :month
                        """)
                .param("userId", userId)
                .param("month", month.toString())
                .query((rs, row) -> new MonthSaving(rs.getLong("calls"), rs.getBigDecimal("saved")))
                .single();
    }
}
