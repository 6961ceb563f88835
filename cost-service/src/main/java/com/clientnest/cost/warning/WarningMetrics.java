package com.clientnest.cost.warning;

import com.clientnest.cost.quota.QuotaMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code clientnest.cost.quota.warnings}: warnings raised, by quota metric and threshold (0.8, 1.0), counted when
 * the row that makes them once-a-month commits; never by user.
 */
@Component
class WarningMetrics {

    static final String WARNINGS = "clientnest.cost.quota.warnings";

    private final MeterRegistry registry;

    // Every series exists from the start at 0, so the first warning of a month shows as an increase.
    WarningMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (QuotaMetric metric : QuotaMetric.values()) {
            WarningThresholds.THRESHOLDS.forEach(threshold -> counter(metric, threshold));
        }
    }

    void raisedAfterCommit(Warning warning) {
        Counter counter = counter(warning.metric(), warning.threshold());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }

    private Counter counter(QuotaMetric metric, BigDecimal threshold) {
        return Counter.builder(WARNINGS)
                .description("Quota warnings raised, by metric and threshold")
                .tags(
                        "metric",
                        metric.wireName(),
                        "threshold",
                        threshold.stripTrailingZeros().toPlainString())
                .register(registry);
    }
}
