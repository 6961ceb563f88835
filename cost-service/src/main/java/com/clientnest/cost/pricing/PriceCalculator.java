package com.clientnest.cost.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Prices DeepSeek calls with the prices in force at the time of each call. */
@Component
public class PriceCalculator {

    /** Costs are kept to 10 decimal places, the scale of the {@code numeric} columns that store them. */
    public static final int COST_SCALE = 10;

    private static final Logger log = LoggerFactory.getLogger(PriceCalculator.class);
    private static final int PER_MILLION = 6;

    private final PriceProperties prices;
    private final Set<String> unknownModelsWarned = ConcurrentHashMap.newKeySet();

    public PriceCalculator(PriceProperties prices) {
        this.prices = prices;
    }

    /** The cost in USD, at scale {@value #COST_SCALE}, of one call to {@code model} made at {@code occurredAt}. */
    public BigDecimal cost(String model, Instant occurredAt, TokenCounts tokens) {
        return price(pricesOf(model).at(prices.offPeakWindow().contains(occurredAt)), tokens);
    }

    private static BigDecimal price(TokenPrices price, TokenCounts tokens) {
        BigDecimal perMillion = price.inputCacheHit()
                .multiply(BigDecimal.valueOf(tokens.promptCacheHitTokens()))
                .add(price.inputCacheMiss().multiply(BigDecimal.valueOf(tokens.pricedCacheMissTokens())))
                .add(price.output().multiply(BigDecimal.valueOf(tokens.completionTokens())));
        return perMillion.movePointLeft(PER_MILLION).setScale(COST_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * What the call would have cost at peak prices, whenever it was made: for a request held for the off-peak window,
     * the difference to {@link #cost} is what the deferral saved.
     */
    public BigDecimal peakCost(String model, TokenCounts tokens) {
        return price(pricesOf(model).at(false), tokens);
    }

    /** Whether a call made at {@code occurredAt} is priced at off-peak prices. */
    public boolean offPeakAt(Instant occurredAt) {
        return prices.offPeakWindow().contains(occurredAt);
    }

    /**
     * The most a call of these sizes can cost under any configured model, peak or off-peak, with no prompt token
     * served from the cache: the worker's model, the hour it runs at and the cache are unknown at admission.
     * Rounded up, so the ceiling is never below a real price.
     */
    public BigDecimal ceiling(long promptTokens, long completionTokens) {
        BigDecimal dearest = BigDecimal.ZERO;
        for (ModelPrices model : prices.models().values()) {
            for (TokenPrices price : new TokenPrices[] {model.peak(), model.offPeak()}) {
                BigDecimal perMillion = price.inputCacheMiss()
                        .multiply(BigDecimal.valueOf(promptTokens))
                        .add(price.output().multiply(BigDecimal.valueOf(completionTokens)));
                dearest = dearest.max(perMillion);
            }
        }
        return dearest.movePointLeft(PER_MILLION).setScale(COST_SCALE, RoundingMode.CEILING);
    }

    private ModelPrices pricesOf(String model) {
        Map<String, ModelPrices> models = prices.models();
        ModelPrices known = models.get(model);
        if (known != null) {
            return known;
        }
        // Usage is never dropped for want of a price: a new model is billed like the default until configured.
        if (unknownModelsWarned.add(model)) {
            log.warn(
                    "No prices configured for model '{}'; pricing it as '{}' (configure clientnest.cost.prices.models)",
                    model,
                    prices.defaultModel());
        }
        return models.get(prices.defaultModel());
    }
}
