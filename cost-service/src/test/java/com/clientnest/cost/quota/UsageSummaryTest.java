package com.clientnest.cost.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.cost.ledger.LedgerMonth;
import com.clientnest.cost.ledger.MonthlyUsage;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageSummaryTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final TierLimits PROFESSIONAL = new TierLimits(500, 2000, 200, 500_000, new BigDecimal("50"));
    private static final TierLimits ENTERPRISE = new TierLimits(-1, -1, -1, -1, new BigDecimal("1000"));
    private static final TierLimits FREE = new TierLimits(10, 50, 5, 10_000, BigDecimal.ZERO);

    @Test
    void setsEachMetricAgainstItsLimitWithPercentageToOneDecimalAndWhatRemains() {
        // Given a professional user's month so far
        MonthlyUsage usage = new MonthlyUsage(3, 1000, 0, 123_456, new BigDecimal("12.3456789012"));

        // When
        UsageSummary summary = UsageSummary.of("user-1", Tier.PROFESSIONAL, NOVEMBER, PROFESSIONAL, usage);

        // Then
        assertThat(summary)
                .isEqualTo(new UsageSummary(
                        "user-1",
                        Tier.PROFESSIONAL,
                        "2026-11",
                        new UsageSummary.Metrics(
                                new Metric(decimal("500"), decimal("3"), decimal("0"), decimal("0.6"), decimal("497")),
                                new Metric(
                                        decimal("2000"),
                                        decimal("1000"),
                                        decimal("0"),
                                        decimal("50.0"),
                                        decimal("1000")),
                                new Metric(decimal("200"), decimal("0"), decimal("0"), decimal("0.0"), decimal("200")),
                                new Metric(
                                        decimal("500000"),
                                        decimal("123456"),
                                        decimal("0"),
                                        decimal("24.7"),
                                        decimal("376544")),
                                new Metric(
                                        decimal("50"),
                                        decimal("12.3456789012"),
                                        decimal("0"),
                                        decimal("24.7"),
                                        decimal("37.6543210988"))),
                        List.of(),
                        UsageSummary.Savings.NONE));
    }

    @Test
    void takesWhatRequestsInProgressHoldOffWhatRemainsButNotOffThePercentageUsed() {
        // Given a free user with 3 optimisations settled and 1 held, 4000 tokens used and 1300 held
        LedgerMonth month = new LedgerMonth(
                new MonthlyUsage(0, 0, 3, 4000, BigDecimal.ZERO),
                new MonthlyUsage(0, 0, 1, 1300, new BigDecimal("0.0010")));

        // When
        UsageSummary summary = UsageSummary.of("user-6", Tier.FREE, NOVEMBER, FREE, month, List.of());

        // Then
        assertThat(summary.metrics().contentOptimization())
                .isEqualTo(new Metric(decimal("5"), decimal("3"), decimal("1"), decimal("60.0"), decimal("1")));
        assertThat(summary.metrics().tokens())
                .isEqualTo(new Metric(
                        decimal("10000"), decimal("4000"), decimal("1300"), decimal("40.0"), decimal("4700")));
    }

    @Test
    void showsUnlimitedMetricsWithoutLimitPercentageOrRemainder() {
        // Given an enterprise user, unlimited in everything but cost
        MonthlyUsage usage = new MonthlyUsage(7000, 0, 1, 9_000_000, new BigDecimal("999.95"));

        // When
        UsageSummary summary = UsageSummary.of("user-2", Tier.ENTERPRISE, NOVEMBER, ENTERPRISE, usage);

        // Then
        assertThat(summary.metrics())
                .isEqualTo(new UsageSummary.Metrics(
                        new Metric(null, decimal("7000"), decimal("0"), null, null),
                        new Metric(null, decimal("0"), decimal("0"), null, null),
                        new Metric(null, decimal("1"), decimal("0"), null, null),
                        new Metric(null, decimal("9000000"), decimal("0"), null, null),
                        new Metric(
                                decimal("1000"), decimal("999.95"), decimal("0"), decimal("100.0"), decimal("0.05"))));
    }

    @Test
    void showsACostLimitOfZeroAsNoCostCap() {
        // Given a free user, whose tier has no cost cap
        MonthlyUsage usage = new MonthlyUsage(1, 0, 0, 1500, new BigDecimal("0.0002100000"));

        // When
        UsageSummary summary = UsageSummary.of("user-3", Tier.FREE, NOVEMBER, FREE, usage);

        // Then
        assertThat(summary.metrics().costUsd())
                .isEqualTo(new Metric(null, decimal("0.0002100000"), decimal("0"), null, null));
    }

    @Test
    void showsUsageBeyondTheLimitAsMoreThanAHundredPercentWithNothingRemaining() {
        // Given a free user who went past the content generation limit before quotas were enforced
        MonthlyUsage usage = new MonthlyUsage(12, 0, 0, 0, BigDecimal.ZERO);

        // When
        Metric contentGeneration = UsageSummary.of("user-4", Tier.FREE, NOVEMBER, FREE, usage)
                .metrics()
                .contentGeneration();

        // Then
        assertThat(contentGeneration)
                .isEqualTo(new Metric(decimal("10"), decimal("12"), decimal("0"), decimal("120.0"), decimal("0")));
    }

    @Test
    void showsAMetricWithALimitOfZeroAsSpent() {
        // Given a tier that allows no optimisation at all
        TierLimits noOptimisation = new TierLimits(10, 50, 0, 10_000, BigDecimal.ZERO);

        // When
        Metric optimisation = UsageSummary.of("user-5", Tier.FREE, NOVEMBER, noOptimisation, MonthlyUsage.NONE)
                .metrics()
                .contentOptimization();

        // Then
        assertThat(optimisation)
                .isEqualTo(new Metric(decimal("0"), decimal("0"), decimal("0"), decimal("100.0"), decimal("0")));
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }
}
