package com.clientnest.cost.warning;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.cost.ledger.MonthlyUsage;
import com.clientnest.cost.quota.QuotaMetric;
import com.clientnest.cost.quota.TierLimits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class WarningThresholdsTest {

    private static final TierLimits STARTER = new TierLimits(100, 500, 50, 100_000, new BigDecimal("10"));
    private static final TierLimits ENTERPRISE = new TierLimits(-1, -1, -1, -1, new BigDecimal("1000"));
    private static final TierLimits FREE = new TierLimits(10, 50, 0, 10_000, BigDecimal.ZERO);

    @Test
    void reachesEightyPercentAtExactlyEightyAndBothThresholdsAtTheLimit() {
        // Given a starter month: 80 of 100 generations, 500 of 500 analyses, 79 999 tokens, 10.5 USD of 10
        MonthlyUsage used = new MonthlyUsage(80, 500, 0, 79_999, new BigDecimal("10.5"));

        // Then
        assertThat(WarningThresholds.reached(STARTER, used))
                .containsExactly(
                        new Warning(QuotaMetric.CONTENT_GENERATION, new BigDecimal("0.80"), big(80), big(100)),
                        new Warning(QuotaMetric.SENTIMENT_ANALYSIS, new BigDecimal("0.80"), big(500), big(500)),
                        new Warning(QuotaMetric.SENTIMENT_ANALYSIS, new BigDecimal("1.00"), big(500), big(500)),
                        new Warning(
                                QuotaMetric.COST_USD,
                                new BigDecimal("0.80"),
                                new BigDecimal("10.5"),
                                new BigDecimal("10")),
                        new Warning(
                                QuotaMetric.COST_USD,
                                new BigDecimal("1.00"),
                                new BigDecimal("10.5"),
                                new BigDecimal("10")));
    }

    @Test
    void raisesNothingForUnlimitedMetrics() {
        MonthlyUsage used = new MonthlyUsage(1_000_000, 0, 0, 50_000_000, new BigDecimal("1"));

        assertThat(WarningThresholds.reached(ENTERPRISE, used)).isEmpty();
    }

    @Test
    void raisesNothingForALimitOfZeroOrAMissingCostCap() {
        // Given a free tier that allows no optimisations and has no cost cap
        MonthlyUsage used = new MonthlyUsage(0, 0, 0, 0, new BigDecimal("99"));

        assertThat(WarningThresholds.reached(FREE, used)).isEmpty();
    }

    private static BigDecimal big(long value) {
        return BigDecimal.valueOf(value);
    }
}
