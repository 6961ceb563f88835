package com.clientnest.cost.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Usage of one quota metric in a month.
 *
 * @param limit the tier's limit, null when unlimited
 * @param used what the month's settled usage has used so far
 * @param reserved what requests admitted but not yet settled hold
 * @param percentage used as a percentage of the limit, one decimal; null when unlimited; above 100 when over
 * @param remaining what is left for new requests (limit less used and reserved), never negative; null when unlimited
 */
record Metric(BigDecimal limit, BigDecimal used, BigDecimal reserved, BigDecimal percentage, BigDecimal remaining) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static Metric count(long limit, long used, long reserved) {
        return of(
                limit == TierLimits.UNLIMITED ? null : BigDecimal.valueOf(limit),
                BigDecimal.valueOf(used),
                BigDecimal.valueOf(reserved));
    }

    static Metric of(BigDecimal limit, BigDecimal used, BigDecimal reserved) {
        if (limit == null) {
            return new Metric(null, used, reserved, null, null);
        }
        return new Metric(
                limit,
                used,
                reserved,
                percentage(limit, used),
                limit.subtract(used).subtract(reserved).max(BigDecimal.ZERO));
    }

    private static BigDecimal percentage(BigDecimal limit, BigDecimal used) {
        if (limit.signum() == 0) {
            // Nothing is allowed, so the quota is spent before it is used.
            return HUNDRED.setScale(1);
        }
        return used.multiply(HUNDRED).divide(limit, 1, RoundingMode.HALF_UP);
    }
}
