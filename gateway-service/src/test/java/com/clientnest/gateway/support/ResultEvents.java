package com.clientnest.gateway.support;

import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.events.OptimizationResult;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.serde.AvroTrust;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Result events as a worker publishes them. */
public final class ResultEvents {

    public static final Instant FINISHED_AT = Instant.parse("2026-11-03T10:15:30.123Z");

    static {
        // Building an AiCompleted fills its variants default, which Avro refuses for classes it does not trust yet.
        AvroTrust.trustEventClasses();
    }

    private ResultEvents() {}

    public static TokenUsage usage() {
        return TokenUsage.newBuilder()
                .setPromptTokens(120)
                .setCompletionTokens(80)
                .setTotalTokens(200)
                .setPromptCacheHitTokens(100)
                .setPromptCacheMissTokens(20)
                .build();
    }

    public static AiCompleted sentimentCompleted(String requestId, String userId) {
        return completed(
                requestId,
                userId,
                RequestType.SENTIMENT_ANALYSIS,
                SentimentResult.newBuilder()
                        .setSentiment("negative")
                        .setConfidence(0.92)
                        .setEmotions(List.of("frustration", "disappointment"))
                        .setUrgency("high")
                        .setSuggestedResponseTone("apologetic")
                        .build());
    }

    public static AiCompleted contentCompleted(String requestId, String userId) {
        return completed(
                requestId,
                userId,
                RequestType.CONTENT_GENERATION,
                ContentResult.newBuilder()
                        .setContent("Autumn is here!")
                        .setHashtags(List.of("#autumn"))
                        .setMentions(List.of("@clientnest"))
                        .setCallToAction("Visit us")
                        .setPostingTips(List.of("Post at 9am"))
                        .build());
    }

    public static AiCompleted optimizationCompleted(String requestId, String userId) {
        return completed(
                requestId,
                userId,
                RequestType.CONTENT_OPTIMIZATION,
                OptimizationResult.newBuilder()
                        .setOptimizedContent("Better post")
                        .setImprovements(List.of("shorter"))
                        .setHashtags(List.of("#better"))
                        .setBestPostingTime("Tuesday 10:00")
                        .setEngagementPrediction(8)
                        .setCallToAction("Share it")
                        .build());
    }

    public static AiFailed failed(String requestId, String userId, boolean deadLettered) {
        return AiFailed.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(FINISHED_AT)
                .setRequestId(requestId)
                .setUserId(userId)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setReasonCode("retries_exhausted")
                .setMessage("DeepSeek kept answering 503")
                .setAttempts(4)
                .setDeadLettered(deadLettered)
                .build();
    }

    private static AiCompleted completed(String requestId, String userId, RequestType type, Object result) {
        return AiCompleted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(FINISHED_AT)
                .setRequestId(requestId)
                .setUserId(userId)
                .setType(type)
                .setModel("deepseek-flash")
                .setResult(result)
                .setUsage(usage())
                .setCached(false)
                .setLatencyMs(850)
                .setAttempts(1)
                .build();
    }
}
