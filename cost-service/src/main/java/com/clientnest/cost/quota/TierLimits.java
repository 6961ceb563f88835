package com.clientnest.cost.quota;

import com.clientnest.cost.ledger.Limits;
import com.clientnest.schemas.events.RequestType;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * The monthly limits of one subscription tier.
 *
 * @param contentGeneration content generation requests, {@value #UNLIMITED} for unlimited
 * @param sentimentAnalysis sentiment analysis requests, {@value #UNLIMITED} for unlimited
 * @param contentOptimization content optimisation requests, {@value #UNLIMITED} for unlimited
 * @param tokens tokens, {@value #UNLIMITED} for unlimited
 * @param monthlyCostUsd cost in USD; 0 (or {@value #UNLIMITED}) means no cost cap
 */
public record TierLimits(
        @Min(UNLIMITED) long contentGeneration,
        @Min(UNLIMITED) long sentimentAnalysis,
        @Min(UNLIMITED) long contentOptimization,
        @Min(UNLIMITED) long tokens,
        @NotNull BigDecimal monthlyCostUsd) {

    public static final int UNLIMITED = -1;

    public TierLimits {
        if (monthlyCostUsd != null
                && monthlyCostUsd.signum() < 0
                && monthlyCostUsd.compareTo(BigDecimal.valueOf(UNLIMITED)) != 0) {
            throw new IllegalArgumentException(
                    "monthly-cost-usd must be a positive cap, or 0 or -1 for none: " + monthlyCostUsd);
        }
    }

    /** The cost cap, or null when the tier has none. */
    public BigDecimal costCap() {
        return monthlyCostUsd.signum() > 0 ? monthlyCostUsd : null;
    }

    /** The monthly request limit of one type, {@value #UNLIMITED} for unlimited. */
    public long requests(RequestType type) {
        return switch (type) {
            case CONTENT_GENERATION -> contentGeneration;
            case SENTIMENT_ANALYSIS -> sentimentAnalysis;
            case CONTENT_OPTIMIZATION -> contentOptimization;
        };
    }

    /** What an admission of a request of this type must stay within. */
    public Limits admissionLimits(RequestType type) {
        BigDecimal cap = costCap();
        return new Limits(requests(type), tokens, cap == null ? BigDecimal.valueOf(Limits.NONE) : cap);
    }
}
