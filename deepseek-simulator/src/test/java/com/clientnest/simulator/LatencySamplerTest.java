package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatencySamplerTest {

    @Test
    void drawsLatenciesWithTheConfiguredMeanAndNinetyNinthPercentile() {
        // Given a profile of mean 800 ms and p99 3000 ms
        LatencySampler sampler = new LatencySampler(LatencyProfile.of(800, 3000));

        // When many latencies are drawn
        long[] samples = new long[200_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = sampler.firstToken().toMillis();
        }
        Arrays.sort(samples);

        // Then their mean and 99th percentile match the profile within a few percent
        assertThat(Arrays.stream(samples).average().orElseThrow()).isCloseTo(800, within(24.0));
        assertThat((double) samples[(int) (samples.length * 0.99)]).isCloseTo(3000, within(150.0));
        assertThat(samples[0]).isPositive();
    }

    @Test
    void drawsAConstantLatencyWhenTheNinetyNinthPercentileIsNotAboveTheMean() {
        LatencySampler sampler = new LatencySampler(LatencyProfile.of(250, 250));

        assertThat(sampler.firstToken()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void addsTheTimePerOutputToken() {
        LatencySampler sampler = new LatencySampler(LatencyProfile.none().withPerOutputTokenMs(1.5));

        assertThat(sampler.forOutputTokens(100)).isEqualTo(Duration.ofMillis(150));
        assertThat(sampler.firstToken()).isEqualTo(Duration.ZERO);
    }
}
