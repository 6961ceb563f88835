package com.clientnest.schemas.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OffPeakWindowTest {

    private static final OffPeakWindow DEEPSEEK = new OffPeakWindow(LocalTime.of(16, 30), LocalTime.of(0, 30));

    @Test
    void givenDeepSeeksWindowOverMidnightThenItsStartIsInsideAndItsEndOutside() {
        // When
        List<Boolean> inside = Stream.of(
                        "2026-11-26T16:29:59Z",
                        "2026-11-26T16:30:00Z",
                        "2026-11-26T23:59:59Z",
                        "2026-11-27T00:29:59Z",
                        "2026-11-27T00:30:00Z",
                        "2026-11-27T10:00:00Z")
                .map(time -> DEEPSEEK.contains(Instant.parse(time)))
                .toList();

        // Then
        assertThat(inside).containsExactly(false, true, true, true, false, false);
    }

    @Test
    void givenAnInstantThenTheNextStartIsTodaysUnlessItHasPassed() {
        // When
        List<Instant> next = Stream.of(
                        "2026-11-26T10:00:00Z", "2026-11-26T16:30:00Z", "2026-11-26T16:30:01Z", "2026-11-27T00:10:00Z")
                .map(time -> DEEPSEEK.nextStart(Instant.parse(time)))
                .toList();

        // Then
        assertThat(next)
                .containsExactly(
                        Instant.parse("2026-11-26T16:30:00Z"),
                        Instant.parse("2026-11-26T16:30:00Z"),
                        Instant.parse("2026-11-27T16:30:00Z"),
                        Instant.parse("2026-11-27T16:30:00Z"));
    }
}
