package com.clientnest.cost.quota;

import com.clientnest.schemas.events.RequestType;

/** The metrics a monthly quota limits, by the names used on the wire and in the warnings. */
public enum QuotaMetric {
    CONTENT_GENERATION("content_generation"),
    SENTIMENT_ANALYSIS("sentiment_analysis"),
    CONTENT_OPTIMIZATION("content_optimization"),
    TOKENS("tokens"),
    COST_USD("cost_usd");

    private final String wireName;

    QuotaMetric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static QuotaMetric requestsOf(RequestType type) {
        return switch (type) {
            case CONTENT_GENERATION -> CONTENT_GENERATION;
            case SENTIMENT_ANALYSIS -> SENTIMENT_ANALYSIS;
            case CONTENT_OPTIMIZATION -> CONTENT_OPTIMIZATION;
        };
    }
}
