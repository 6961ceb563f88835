package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import java.math.BigDecimal;

/**
 * A user's usage in one month.
 *
 * @param contentGeneration content generation requests
 * @param sentimentAnalysis sentiment analysis requests
 * @param contentOptimization content optimisation requests
 * @param totalTokens tokens counted against the token quota
 * @param costUsd what the month's calls cost
 */
public record MonthlyUsage(
        long contentGeneration,
        long sentimentAnalysis,
        long contentOptimization,
        long totalTokens,
        BigDecimal costUsd) {

    public static final MonthlyUsage NONE = new MonthlyUsage(0, 0, 0, 0, BigDecimal.ZERO);

    public long requests(RequestType type) {
        return switch (type) {
            case CONTENT_GENERATION -> contentGeneration;
            case SENTIMENT_ANALYSIS -> sentimentAnalysis;
            case CONTENT_OPTIMIZATION -> contentOptimization;
        };
    }
}
