package com.clientnest.worker.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aStartingInstanceBeginsSmallAndGrowsByOnePerSuccessfulCallUpToItsShare() {
        // Given
        AdaptiveLimit limit = new AdaptiveLimit(10, Duration.ofSeconds(2), now::get);
        assertThat(limit.limit()).isZero();
        limit.ceiling(15);

        // When
        int before = limit.limit();
        for (int i = 0; i < 20; i++) {
            limit.onSuccess();
        }

        // Then
        assertThat(before).isEqualTo(10);
        assertThat(limit.limit()).isEqualTo(15);
    }

    @Test
    void aBurstOf429sHalvesTheLimitOnceAndItHoldsThereForTheBackOff() {
        // Given
        AdaptiveLimit limit = new AdaptiveLimit(100, Duration.ofSeconds(2), now::get);
        limit.ceiling(100);

        // When
        limit.onRateLimited();
        limit.onRateLimited();
        limit.onRateLimited();
        limit.onSuccess();

        // Then
        assertThat(limit.limit()).isEqualTo(50);
    }

    @Test
    void afterTheBackOffEachSuccessProbesOneHigherUpToTheFleetShare() {
        // Given
        AdaptiveLimit limit = new AdaptiveLimit(10, Duration.ofSeconds(2), now::get);
        limit.ceiling(10);
        limit.onRateLimited();
        now.addAndGet(Duration.ofSeconds(3).toNanos());

        // When
        for (int i = 0; i < 20; i++) {
            limit.onSuccess();
        }

        // Then
        assertThat(limit.limit()).isEqualTo(10);
    }

    @Test
    void aSmallerShareAppliesAtOnceAndALargerOneIsGrownInto() {
        AdaptiveLimit limit = new AdaptiveLimit(1000, Duration.ofSeconds(2), now::get);
        limit.ceiling(1000);

        limit.ceiling(500);
        assertThat(limit.limit()).isEqualTo(500);

        limit.ceiling(1000);
        limit.onSuccess();
        assertThat(limit.limit()).isEqualTo(501);
    }

    @Test
    void theLimitNeverFallsBelowOneCallWhileThereIsAShare() {
        AdaptiveLimit limit = new AdaptiveLimit(1, Duration.ofSeconds(2), now::get);
        limit.ceiling(1);
        limit.onRateLimited();

        assertThat(limit.limit()).isEqualTo(1);
    }
}
