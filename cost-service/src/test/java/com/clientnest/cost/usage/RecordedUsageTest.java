package com.clientnest.cost.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clientnest.cost.pricing.TokenCounts;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RecordedUsageTest {

    private static final String EVENT_ID = "3f1c6a8e-6a55-4b5e-9f0e-2d6f1f8a9b10";

    @Test
    void takesEveryFieldOfAValidEvent() {
        // Given
        UsageRecorded event = event(builder -> {});

        // When
        RecordedUsage usage = RecordedUsage.of(event);

        // Then
        assertThat(usage)
                .isEqualTo(new RecordedUsage(
                        UUID.fromString(EVENT_ID),
                        "request-1",
                        "user-1",
                        Tier.PROFESSIONAL,
                        RequestType.CONTENT_GENERATION,
                        "deepseek-flash",
                        new TokenUsage(1200, 300, 1500, 1000, 200),
                        850,
                        false,
                        Instant.parse("2026-11-10T09:15:00Z"),
                        null,
                        1,
                        false));
        assertThat(usage.tokenCounts()).isEqualTo(new TokenCounts(1200, 1000, 200, 300));
        assertThat(usage.quotaTokens()).isEqualTo(1500);
    }

    @Test
    void countsACallInTheUtcCalendarMonthItWasMadeIn() {
        RecordedUsage lastMillisecondOfOctober =
                RecordedUsage.of(event(builder -> builder.setOccurredAt(Instant.parse("2026-10-31T23:59:59.999Z"))));
        RecordedUsage firstMillisecondOfNovember =
                RecordedUsage.of(event(builder -> builder.setOccurredAt(Instant.parse("2026-11-01T00:00:00Z"))));

        assertThat(lastMillisecondOfOctober.month()).isEqualTo(YearMonth.of(2026, 10));
        assertThat(firstMillisecondOfNovember.month()).isEqualTo(YearMonth.of(2026, 11));
    }

    @Test
    void countsNoTokensAgainstTheQuotaForAResponseCacheHit() {
        RecordedUsage usage = RecordedUsage.of(event(builder -> builder.setCacheHit(true)));

        assertThat(usage.quotaTokens()).isZero();
    }

    @Test
    void rejectsAnEventIdThatIsNotAUuid() {
        assertRejected(builder -> builder.setEventId("not-a-uuid"), "eventId: not a UUID: 'not-a-uuid'");
    }

    @Test
    void rejectsABlankUserRequestOrModel() {
        assertRejected(builder -> builder.setUserId(" "), "userId: missing or blank");
        assertRejected(builder -> builder.setRequestId(""), "requestId: missing or blank");
        assertRejected(builder -> builder.setModel(""), "model: missing or blank");
    }

    @Test
    void rejectsNegativeTokenCountsOrLatency() {
        assertRejected(
                builder -> builder.setUsage(new TokenUsage(1200, -1, 1500, 1000, 200)),
                "usage.completionTokens: negative (-1)");
        assertRejected(builder -> builder.setLatencyMs(-5), "latencyMs: negative (-5)");
    }

    @Test
    void rejectsMoreCachedAndUncachedPromptTokensThanPromptTokens() {
        assertRejected(
                builder -> builder.setUsage(new TokenUsage(1000, 300, 1300, 900, 200)),
                "usage: cache-hit plus cache-miss tokens exceed the prompt tokens");
    }

    @Test
    void rejectsAnEventThatCountsItsRequestAsNoRequestAtAll() {
        assertRejected(builder -> builder.setRequestCount(0), "requestCount: must be at least 1 (0)");
    }

    @Test
    void takesTheVariantsOfAContentSuggestionsRequestAsItsRequestCount() {
        assertThat(RecordedUsage.of(event(builder -> builder.setRequestCount(7)))
                        .requestCount())
                .isEqualTo(7);
    }

    private static void assertRejected(Consumer<UsageRecorded.Builder> change, String reason) {
        UsageRecorded event = event(change);
        assertThatThrownBy(() -> RecordedUsage.of(event))
                .isInstanceOf(InvalidUsageEvent.class)
                .hasMessage(reason);
    }

    private static UsageRecorded event(Consumer<UsageRecorded.Builder> change) {
        UsageRecorded.Builder builder = UsageRecorded.newBuilder()
                .setEventId(EVENT_ID)
                .setOccurredAt(Instant.parse("2026-11-10T09:15:00Z"))
                .setRequestId("request-1")
                .setUserId("user-1")
                .setTier(Tier.PROFESSIONAL)
                .setType(RequestType.CONTENT_GENERATION)
                .setModel("deepseek-flash")
                .setUsage(new TokenUsage(1200, 300, 1500, 1000, 200))
                .setLatencyMs(850)
                .setCacheHit(false)
                .setReservationId(null);
        change.accept(builder);
        return builder.build();
    }
}
