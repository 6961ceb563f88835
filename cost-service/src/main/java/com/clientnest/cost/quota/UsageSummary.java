package com.clientnest.cost.quota;

import com.clientnest.cost.ledger.LedgerMonth;
import com.clientnest.cost.ledger.MonthlyUsage;
import com.clientnest.cost.quota.RaisedWarnings.RaisedWarning;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * A user's usage in one month against the limits of a tier.
 *
 * @param userId whose usage
 * @param tier the tier whose limits apply
 * @param month the UTC calendar month, {@code yyyy-MM}
 * @param metrics each quota metric
 * @param warnings the 80 % and 100 % warnings raised in the month, oldest first
 * @param savings what holding requests for the off-peak window saved in the month against peak prices
 */
record UsageSummary(
        String userId, Tier tier, String month, Metrics metrics, List<RaisedWarning> warnings, Savings savings) {

    /**
     * @param deferredCalls DeepSeek calls made for requests held for the off-peak window
     * @param deferralUsd what those calls would have cost at peak prices, less what they cost
     */
    record Savings(long deferredCalls, BigDecimal deferralUsd) {

        static final Savings NONE = new Savings(0, BigDecimal.ZERO);
    }

    UsageSummary withSavings(Savings other) {
        return new UsageSummary(userId, tier, month, metrics, warnings, other);
    }

    record Metrics(
            Metric contentGeneration,
            Metric sentimentAnalysis,
            Metric contentOptimization,
            Metric tokens,
            Metric costUsd) {}

    static UsageSummary of(String userId, Tier tier, YearMonth month, TierLimits limits, MonthlyUsage usage) {
        return of(userId, tier, month, limits, new LedgerMonth(usage, MonthlyUsage.NONE), List.of());
    }

    static UsageSummary of(
            String userId,
            Tier tier,
            YearMonth month,
            TierLimits limits,
            LedgerMonth ledger,
            List<RaisedWarning> warnings) {
        MonthlyUsage used = ledger.used();
        MonthlyUsage reserved = ledger.reserved();
        return new UsageSummary(
                userId,
                tier,
                month.toString(),
                new Metrics(
                        Metric.count(
                                limits.contentGeneration(), used.contentGeneration(), reserved.contentGeneration()),
                        Metric.count(
                                limits.sentimentAnalysis(), used.sentimentAnalysis(), reserved.sentimentAnalysis()),
                        Metric.count(
                                limits.contentOptimization(),
                                used.contentOptimization(),
                                reserved.contentOptimization()),
                        Metric.count(limits.tokens(), used.totalTokens(), reserved.totalTokens()),
                        Metric.of(limits.costCap(), used.costUsd(), reserved.costUsd())),
                List.copyOf(warnings),
                Savings.NONE);
    }
}
