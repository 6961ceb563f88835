package com.clientnest.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitEstimateTest {

    private final WaitEstimate estimate = new WaitEstimate(3, 4);

    @ParameterizedTest(name = "{0} queued at {1} completions a minute means about {2} s")
    @CsvSource({"59, 60, 62", "9, 6, 93", "1000, 600, 103"})
    void drainsTheBacklogAtTheMeasuredRateThenAddsItsOwnCall(long backlog, double perMinute, int seconds) {
        assertThat(estimate.seconds(backlog, perMinute)).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "nothing queued at {0} completions a minute means the guess of one call, {1} s")
    @CsvSource({"0.5, 3", "60, 3", "6000, 3"})
    void aQuietLaneWaitsOnlyForItsOwnCallWhateverItsRate(double perMinute, int seconds) {
        // Given a lane with nothing queued: its rate measured demand, not how fast it could drain
        assertThat(estimate.seconds(0, perMinute)).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "{0} queued and nothing measured means about {1} s")
    @CsvSource({"0, 3", "3, 3", "4, 6", "7, 6", "8, 9", "400, 303"})
    void fallsBackToRoundsOfTheConfiguredGuessWhileNothingWasMeasured(long backlog, int seconds) {
        // Given 3 s per request and 4 served at once, and no completion in the window
        assertThat(estimate.seconds(backlog, 0)).isEqualTo(seconds);
    }
}
