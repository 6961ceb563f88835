package com.clientnest.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.worker.config.WorkerProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final WorkerProperties.Retry retry =
            new WorkerProperties.Retry(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(3), 0.5);

    @Test
    void delaysGrowExponentiallyUpToTheCapWhenJitterDrawsItsMaximum() {
        RetryPolicy policy = new RetryPolicy(retry, () -> 1.0);

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void jitterTakesAtMostItsFractionOffTheDelay() {
        RetryPolicy policy = new RetryPolicy(retry, () -> 0.0);

        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void attemptsStopAtTheConfiguredMaximum() {
        RetryPolicy policy = new RetryPolicy(retry, () -> 0.5);

        assertThat(policy.hasAttemptsLeft(3)).isTrue();
        assertThat(policy.hasAttemptsLeft(4)).isFalse();
    }
}
