package com.clientnest.cost.usage;

import com.clientnest.cost.pricing.TokenCounts;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

/** A usage event checked field by field, in the shape it is stored in. */
record RecordedUsage(
        UUID eventId,
        String requestId,
        String userId,
        Tier tier,
        RequestType type,
        String model,
        TokenUsage usage,
        long latencyMs,
        boolean cacheHit,
        Instant occurredAt,
        String reservationId,
        int requestCount,
        boolean deferred) {

    static RecordedUsage of(UsageRecorded event) {
        TokenUsage usage = require(event.getUsage(), "usage");
        requireNotNegative(usage.getPromptTokens(), "usage.promptTokens");
        requireNotNegative(usage.getCompletionTokens(), "usage.completionTokens");
        requireNotNegative(usage.getTotalTokens(), "usage.totalTokens");
        requireNotNegative(usage.getPromptCacheHitTokens(), "usage.promptCacheHitTokens");
        requireNotNegative(usage.getPromptCacheMissTokens(), "usage.promptCacheMissTokens");
        if ((long) usage.getPromptCacheHitTokens() + usage.getPromptCacheMissTokens() > usage.getPromptTokens()) {
            throw new InvalidUsageEvent("usage: cache-hit plus cache-miss tokens exceed the prompt tokens");
        }
        requireNotNegative(event.getLatencyMs(), "latencyMs");
        if (event.getRequestCount() < 1) {
            throw new InvalidUsageEvent("requestCount: must be at least 1 (" + event.getRequestCount() + ")");
        }
        return new RecordedUsage(
                eventIdOf(event),
                requireText(event.getRequestId(), "requestId"),
                requireText(event.getUserId(), "userId"),
                require(event.getTier(), "tier"),
                require(event.getType(), "type"),
                requireText(event.getModel(), "model"),
                usage,
                event.getLatencyMs(),
                event.getCacheHit(),
                require(event.getOccurredAt(), "occurredAt"),
                event.getReservationId(),
                event.getRequestCount(),
                event.getDeferred());
    }

    /** Quotas run by UTC calendar month. */
    YearMonth month() {
        return YearMonth.from(occurredAt.atOffset(ZoneOffset.UTC));
    }

    TokenCounts tokenCounts() {
        return new TokenCounts(
                usage.getPromptTokens(),
                usage.getPromptCacheHitTokens(),
                usage.getPromptCacheMissTokens(),
                usage.getCompletionTokens());
    }

    /** A response-cache hit made no DeepSeek call, so it uses no tokens of the user's quota. */
    long quotaTokens() {
        return cacheHit ? 0 : usage.getTotalTokens();
    }

    private static UUID eventIdOf(UsageRecorded event) {
        String eventId = requireText(event.getEventId(), "eventId");
        try {
            return UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw new InvalidUsageEvent("eventId: not a UUID: '" + eventId + "'");
        }
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidUsageEvent(field + ": missing");
        }
        return value;
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidUsageEvent(field + ": missing or blank");
        }
        return value;
    }

    private static void requireNotNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidUsageEvent(field + ": negative (" + value + ")");
        }
    }
}
