package com.clientnest.cost.usage;

import com.clientnest.cost.pricing.PriceCalculator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Settled usage as metrics, counted once the ledger change commits so a rolled-back batch counts nothing:
 * {@code clientnest.cost.tokens} and {@code clientnest.cost.spend} (USD) by model and by peak/off-peak price
 * period, and {@code clientnest.cost.settlement.lag}, from the DeepSeek call to its settlement here. The ledger
 * keeps exact {@code BigDecimal}s; the spend counter is a floating-point view of them for graphs only.
 */
@Component
class SettlementMetrics {

    static final String TOKENS = "clientnest.cost.tokens";
    static final String SPEND = "clientnest.cost.spend";
    static final String LAG = "clientnest.cost.settlement.lag";

    private final MeterRegistry registry;
    private final PriceCalculator prices;
    private final Clock clock;

    SettlementMetrics(MeterRegistry registry, PriceCalculator prices, Clock clock) {
        this.registry = registry;
        this.prices = prices;
        this.clock = clock;
    }

    /** Counts the batch after the surrounding transaction commits; at once when there is none. */
    void settledAfterCommit(List<PricedUsage> settled) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    settled.forEach(SettlementMetrics.this::count);
                }
            });
        } else {
            settled.forEach(this::count);
        }
    }

    private void count(PricedUsage priced) {
        RecordedUsage usage = priced.usage();
        String period = prices.offPeakAt(usage.occurredAt()) ? "off_peak" : "peak";
        if (!usage.cacheHit()) {
            tokens(usage.model(), period, "input_cache_hit", usage.usage().getPromptCacheHitTokens());
            tokens(
                    usage.model(),
                    period,
                    "input_cache_miss",
                    usage.usage().getPromptTokens() - usage.usage().getPromptCacheHitTokens());
            tokens(usage.model(), period, "output", usage.usage().getCompletionTokens());
        }
        Counter.builder(SPEND)
                .description("Settled DeepSeek spend in USD, by model and price period")
                .baseUnit("usd")
                .tags("model", usage.model(), "period", period)
                .register(registry)
                .increment(priced.costUsd().doubleValue());
        Timer.builder(LAG)
                .description("Time from the DeepSeek call to its settlement in the ledger")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry)
                .record(lag(usage));
    }

    // A worker clock ahead of this one would give a negative lag; it counts as none.
    private Duration lag(RecordedUsage usage) {
        Duration lag = Duration.between(usage.occurredAt(), clock.instant());
        return lag.isNegative() ? Duration.ZERO : lag;
    }

    private void tokens(String model, String period, String kind, long count) {
        Counter.builder(TOKENS)
                .description("Settled DeepSeek tokens, by model, price period and kind")
                .baseUnit("tokens")
                .tags("model", model, "period", period, "kind", kind)
                .register(registry)
                .increment(count);
    }
}
