package com.clientnest.cost.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Usage of one quota metric in a month.
 *
 * @param limit the tier's limit, null when unlimited
 * @param used what the month has used so far
 * @param percentage used as a percentage of the limit, one decimal; null when unlimited; above 100 when over
 * @param remaining what is left before the limit, never negative; null when unlimited
 */
record Metric(BigDecimal limit, BigDecimal used, BigDecimal percentage, BigDecimal remaining) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static Metric count(long limit, long used) {
        return of(limit == TierLimits.UNLIMITED ? null : BigDecimal.valueOf(limit), BigDecimal.valueOf(used));
    }

    static Metric of(BigDecimal limit, BigDecimal used) {
        if (limit == null) {
            return new Metric(null, used, null, null);
        }
        return new Metric(
                limit, used, percentage(limit, used), limit.subtract(used).max(BigDecimal.ZERO));
    }

    private static BigDecimal percentage(BigDecimal limit, BigDecimal used) {
        if (limit.signum() == 0) {
            // Nothing is allowed, so the quota is spent before it is used.
            return HUNDRED.setScale(1);
        }
        return used.multiply(HUNDRED).divide(limit, 1, RoundingMode.HALF_UP);
    }
}
