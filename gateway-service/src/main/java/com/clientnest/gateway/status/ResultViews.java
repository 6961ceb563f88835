package com.clientnest.gateway.status;

import java.util.List;

/** The REST shapes of a finished request's {@code result} and {@code error}, as stored in {@code ai_requests}. */
final class ResultViews {

    private ResultViews() {}

    /** One of the result shapes, each with the model that produced it, its usage and whether it was cached. */
    sealed interface ResultView permits SentimentView, ContentView, OptimizationView, SuggestionsView {}

    record SentimentView(
            String sentiment,
            double confidence,
            List<String> emotions,
            String urgency,
            String suggestedResponseTone,
            String model,
            UsageView usage,
            boolean cached)
            implements ResultView {}

    record ContentView(
            String content,
            List<String> hashtags,
            List<String> mentions,
            String callToAction,
            List<String> postingTips,
            String model,
            UsageView usage,
            boolean cached)
            implements ResultView {}

    record OptimizationView(
            String optimizedContent,
            List<String> improvements,
            List<String> hashtags,
            String bestPostingTime,
            int engagementPrediction,
            String callToAction,
            String model,
            UsageView usage,
            boolean cached)
            implements ResultView {}

    /** The variants of content suggestions, by rising temperature; usage is the sum over their calls. */
    record SuggestionsView(List<VariantView> variants, String model, UsageView usage, boolean cached)
            implements ResultView {}

    /** One variant: a content result and the temperature it was generated at. */
    record VariantView(
            String content,
            List<String> hashtags,
            List<String> mentions,
            String callToAction,
            List<String> postingTips,
            double temperature) {}

    record UsageView(
            int promptTokens,
            int completionTokens,
            int totalTokens,
            int promptCacheHitTokens,
            int promptCacheMissTokens) {}

    /** Why a request failed: the worker's stable reason code and its message. */
    record ErrorView(String code, String message) {}
}
