package com.clientnest.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitEstimatorTest {

    @ParameterizedTest(name = "{0} queued ahead means about {1} s")
    @CsvSource({"0, 3", "3, 3", "4, 6", "7, 6", "8, 9", "400, 303"})
    void estimatesRoundsOfParallelWorkForTheQueueAheadAndTheRequestItself(long queuedAhead, int seconds) {
        // Given 3 s per request and 4 requests served at once
        WaitEstimator estimator = new WaitEstimator(new GatewayProperties.Estimate(3, 4));
        // When / Then
        assertThat(estimator.estimatedWaitSeconds(queuedAhead)).isEqualTo(seconds);
    }
}
