package com.clientnest.cost;

import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import java.time.Instant;
import java.util.UUID;

/** Object mother of usage events: a peak-time deepseek-flash content generation call, fresh ids each time. */
final class UsageEvents {

    static final Instant PEAK_TIME = Instant.parse("2026-11-10T09:15:00Z");
    static final Instant OFF_PEAK_TIME = Instant.parse("2026-11-10T20:00:00Z");

    private UsageEvents() {}

    static UsageRecorded.Builder contentGeneration(String userId) {
        return UsageRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(PEAK_TIME)
                .setRequestId("request-" + UUID.randomUUID())
                .setUserId(userId)
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.CONTENT_GENERATION)
                .setModel("deepseek-flash")
                .setUsage(new TokenUsage(1200, 300, 1500, 1000, 200))
                .setLatencyMs(850)
                .setCacheHit(false)
                .setReservationId(null);
    }

    static String newUserId() {
        return "user-" + UUID.randomUUID();
    }
}
