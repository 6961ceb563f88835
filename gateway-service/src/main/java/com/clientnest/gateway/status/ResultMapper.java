package com.clientnest.gateway.status;

import com.clientnest.gateway.status.ResultViews.ContentView;
import com.clientnest.gateway.status.ResultViews.ErrorView;
import com.clientnest.gateway.status.ResultViews.OptimizationView;
import com.clientnest.gateway.status.ResultViews.ResultView;
import com.clientnest.gateway.status.ResultViews.SentimentView;
import com.clientnest.gateway.status.ResultViews.SuggestionsView;
import com.clientnest.gateway.status.ResultViews.UsageView;
import com.clientnest.gateway.status.ResultViews.VariantView;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.events.ContentVariant;
import com.clientnest.schemas.events.OptimizationResult;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.topics.OutcomeReasons;
import java.util.List;

/** Maps the worker's result events to the outcome the REST API shows. */
final class ResultMapper {

    RequestOutcome completed(AiCompleted event) {
        return new RequestOutcome(RequestStatus.COMPLETED, result(event), null, event.getOccurredAt());
    }

    RequestOutcome failed(AiFailed event) {
        RequestStatus status = event.getDeadLettered()
                ? RequestStatus.DEAD_LETTERED
                : OutcomeReasons.CANCELLED.equals(event.getReasonCode())
                        ? RequestStatus.CANCELLED
                        : RequestStatus.FAILED;
        return new RequestOutcome(
                status,
                null,
                new ErrorView(event.getReasonCode(), PublicFailureMessages.forReason(event.getReasonCode())),
                event.getOccurredAt());
    }

    private static ResultView result(AiCompleted event) {
        UsageView usage = usage(event.getUsage());
        Object result = event.getResult();
        if (!event.getVariants().isEmpty()) {
            return new SuggestionsView(
                    event.getVariants().stream().map(ResultMapper::variant).toList(),
                    event.getModel(),
                    usage,
                    event.getCached());
        }
        if (result instanceof SentimentResult sentiment) {
            return new SentimentView(
                    sentiment.getSentiment(),
                    sentiment.getConfidence(),
                    List.copyOf(sentiment.getEmotions()),
                    sentiment.getUrgency(),
                    sentiment.getSuggestedResponseTone(),
                    event.getModel(),
                    usage,
                    event.getCached());
        }
        if (result instanceof ContentResult content) {
            return new ContentView(
                    content.getContent(),
                    List.copyOf(content.getHashtags()),
                    List.copyOf(content.getMentions()),
                    content.getCallToAction(),
                    List.copyOf(content.getPostingTips()),
                    event.getModel(),
                    usage,
                    event.getCached());
        }
        if (result instanceof OptimizationResult optimization) {
            return new OptimizationView(
                    optimization.getOptimizedContent(),
                    List.copyOf(optimization.getImprovements()),
                    List.copyOf(optimization.getHashtags()),
                    optimization.getBestPostingTime(),
                    optimization.getEngagementPrediction(),
                    optimization.getCallToAction(),
                    event.getModel(),
                    usage,
                    event.getCached());
        }
        throw new IllegalArgumentException("Unknown result type in AiCompleted for request " + event.getRequestId());
    }

    private static VariantView variant(ContentVariant variant) {
        ContentResult content = variant.getContent();
        return new VariantView(
                content.getContent(),
                List.copyOf(content.getHashtags()),
                List.copyOf(content.getMentions()),
                content.getCallToAction(),
                List.copyOf(content.getPostingTips()),
                variant.getTemperature());
    }

    private static UsageView usage(TokenUsage usage) {
        return new UsageView(
                usage.getPromptTokens(),
                usage.getCompletionTokens(),
                usage.getTotalTokens(),
                usage.getPromptCacheHitTokens(),
                usage.getPromptCacheMissTokens());
    }
}
