package com.clientnest.worker.processing;

import com.clientnest.worker.config.WorkerProperties;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential back-off with jitter, so that workers retrying after a DeepSeek hiccup do not retry in step. */
final class RetryPolicy {

    private final WorkerProperties.Retry retry;
    private final DoubleSupplier random;

    RetryPolicy(WorkerProperties.Retry retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    boolean hasAttemptsLeft(int attemptsMade) {
        return attemptsMade < retry.maxAttempts();
    }

    /** The delay before the next attempt, after {@code attemptsMade} failed ones (1 or more). */
    Duration delayAfter(int attemptsMade) {
        double base = retry.initialBackoff().toMillis() * Math.pow(retry.multiplier(), attemptsMade - 1);
        double capped = Math.min(base, retry.maxBackoff().toMillis());
        double jittered = capped * (1 - retry.jitter() + retry.jitter() * random.getAsDouble());
        return Duration.ofMillis(Math.round(jittered));
    }
}
