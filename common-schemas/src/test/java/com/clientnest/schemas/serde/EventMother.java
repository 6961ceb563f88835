package com.clientnest.schemas.serde;

import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.QuotaWarningRaised;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Object mother: one valid instance of every event. */
final class EventMother {

    static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");

    private EventMother() {}

    static AiRequested sentimentRequested() {
        return AiRequested.newBuilder()
                .setEventId("e-1")
                .setOccurredAt(AT)
                .setRequestId("r-1")
                .setUserId("u-1")
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setLane(Lane.HIGH)
                .setPriorityScore(70)
                .setInput(new SentimentInput("I love this product", "comment"))
                .build();
    }

    static AiCompleted sentimentCompleted() {
        return AiCompleted.newBuilder()
                .setEventId("e-2")
                .setOccurredAt(AT)
                .setRequestId("r-1")
                .setUserId("u-1")
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setModel("deepseek-flash")
                .setResult(new SentimentResult("positive", 0.92, List.of("joy"), "low", "grateful"))
                .setUsage(usage())
                .setLatencyMs(420)
                .build();
    }

    static AiFailed failed() {
        return AiFailed.newBuilder()
                .setEventId("e-3")
                .setOccurredAt(AT)
                .setRequestId("r-2")
                .setUserId("u-1")
                .setType(RequestType.CONTENT_GENERATION)
                .setReasonCode("deepseek_rejected")
                .setMessage("422 Invalid parameters")
                .setAttempts(1)
                .setDeadLettered(true)
                .build();
    }

    static UsageRecorded usageRecorded() {
        return UsageRecorded.newBuilder()
                .setEventId("e-4")
                .setOccurredAt(AT)
                .setRequestId("r-1")
                .setUserId("u-1")
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setModel("deepseek-flash")
                .setUsage(usage())
                .setLatencyMs(420)
                .build();
    }

    static QuotaWarningRaised quotaWarning() {
        return QuotaWarningRaised.newBuilder()
                .setEventId("e-5")
                .setOccurredAt(AT)
                .setUserId("u-1")
                .setTier(Tier.STARTER)
                .setMetric("cost_usd")
                .setThreshold(new BigDecimal("0.80"))
                .setUsed(new BigDecimal("8.123456"))
                .setLimit(new BigDecimal("10.000000"))
                .setMonth("2026-11")
                .build();
    }

    private static TokenUsage usage() {
        return new TokenUsage(120, 40, 160, 64, 56);
    }
}
