package com.clientnest.cost.reservation;

import com.clientnest.cost.quota.QuotaMetric;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * An admission the tier's limits do not allow: the metric that stopped it, and where that metric stands.
 *
 * @param requested what the request would have added
 * @param resetsIn the month whose start gives the metric back
 */
class QuotaRefused extends RuntimeException {

    private final transient QuotaMetric metric;
    private final BigDecimal limit;
    private final BigDecimal used;
    private final BigDecimal reserved;
    private final BigDecimal requested;
    private final YearMonth resetsIn;

    QuotaRefused(
            QuotaMetric metric,
            BigDecimal limit,
            BigDecimal used,
            BigDecimal reserved,
            BigDecimal requested,
            YearMonth resetsIn) {
        super(describe(metric, limit, used, reserved, requested));
        this.metric = metric;
        this.limit = limit;
        this.used = used;
        this.reserved = reserved;
        this.requested = requested;
        this.resetsIn = resetsIn;
    }

    QuotaMetric metric() {
        return metric;
    }

    BigDecimal limit() {
        return limit;
    }

    BigDecimal used() {
        return used;
    }

    BigDecimal reserved() {
        return reserved;
    }

    BigDecimal requested() {
        return requested;
    }

    YearMonth resetsIn() {
        return resetsIn;
    }

    /** The cost cap is a budget, spent; every other limit is a quota. */
    boolean budget() {
        return metric == QuotaMetric.COST_USD;
    }

    private static String describe(
            QuotaMetric metric, BigDecimal limit, BigDecimal used, BigDecimal reserved, BigDecimal requested) {
        if (metric == QuotaMetric.COST_USD) {
            return "The monthly budget of " + limit.toPlainString() + " USD is spent: "
                    + used.stripTrailingZeros().toPlainString() + " used and "
                    + reserved.stripTrailingZeros().toPlainString() + " held by requests in progress";
        }
        if (metric != QuotaMetric.TOKENS && requested.compareTo(BigDecimal.ONE) > 0) {
            // Content suggestions ask for several generations at once; saying "reached" with some left would puzzle.
            BigDecimal left = limit.subtract(used).subtract(reserved).max(BigDecimal.ZERO);
            return "The monthly " + metric.wireName() + " quota of " + limit.toPlainString() + " has "
                    + left.toPlainString() + " left, fewer than the " + requested.toPlainString() + " asked for: "
                    + used.toPlainString() + " used and " + reserved.toPlainString() + " held by requests in progress";
        }
        return "The monthly " + metric.wireName() + " quota of " + limit.toPlainString() + " is reached: "
                + used.toPlainString() + " used and " + reserved.toPlainString() + " held by requests in progress";
    }
}
