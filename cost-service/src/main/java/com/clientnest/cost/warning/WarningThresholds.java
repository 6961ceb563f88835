package com.clientnest.cost.warning;

import com.clientnest.cost.ledger.MonthlyUsage;
import com.clientnest.cost.quota.QuotaMetric;
import com.clientnest.cost.quota.TierLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Which warning thresholds a month's settled usage has reached, per metric: requests of each type, tokens and
 * cost. Unlimited metrics, and limits of zero (nothing allowed, so nothing to warn of), raise none.
 */
final class WarningThresholds {

    static final List<BigDecimal> THRESHOLDS = List.of(new BigDecimal("0.80"), new BigDecimal("1.00"));

    private WarningThresholds() {}

    static List<Warning> reached(TierLimits limits, MonthlyUsage used) {
        List<Warning> reached = new ArrayList<>();
        count(reached, QuotaMetric.CONTENT_GENERATION, limits.contentGeneration(), used.contentGeneration());
        count(reached, QuotaMetric.SENTIMENT_ANALYSIS, limits.sentimentAnalysis(), used.sentimentAnalysis());
        count(reached, QuotaMetric.CONTENT_OPTIMIZATION, limits.contentOptimization(), used.contentOptimization());
        count(reached, QuotaMetric.TOKENS, limits.tokens(), used.totalTokens());
        if (limits.costCap() != null) {
            add(reached, QuotaMetric.COST_USD, limits.costCap(), used.costUsd());
        }
        return reached;
    }

    private static void count(List<Warning> reached, QuotaMetric metric, long limit, long used) {
        if (limit != TierLimits.UNLIMITED) {
            add(reached, metric, BigDecimal.valueOf(limit), BigDecimal.valueOf(used));
        }
    }

    private static void add(List<Warning> reached, QuotaMetric metric, BigDecimal limit, BigDecimal used) {
        if (limit.signum() <= 0) {
            return;
        }
        for (BigDecimal threshold : THRESHOLDS) {
            if (used.compareTo(limit.multiply(threshold)) >= 0) {
                reached.add(new Warning(metric, threshold, used, limit));
            }
        }
    }
}
