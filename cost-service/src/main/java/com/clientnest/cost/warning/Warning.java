package com.clientnest.cost.warning;

import com.clientnest.cost.quota.QuotaMetric;
import java.math.BigDecimal;

/**
 * A threshold of a metric that settled usage has reached.
 *
 * @param threshold 0.80 or 1.00 of the limit
 * @param used the settled usage that reached it
 * @param limit the tier's limit of the metric
 */
record Warning(QuotaMetric metric, BigDecimal threshold, BigDecimal used, BigDecimal limit) {}
