package com.clientnest.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How one worker instance takes work from the lanes and retries DeepSeek calls.
 *
 * @param concurrency requests this instance processes at once; each lane gets this many share consumers so any
 *     one lane can use all of it
 * @param shareGroup the share group every worker instance joins on every lane
 * @param pollTimeout how long one poll waits for a record while holding a capacity permit
 * @param idleBackoff how long a consumer whose lane was empty first waits, without a permit, before polling
 *     again; the wait doubles with every further empty poll up to {@code maxIdleBackoff}
 * @param minCallTime a DeepSeek call is not started with less than this left of the record's budget
 * @param starvationThreshold a waiting lower lane is served first once it has waited this long
 * @param recordLockDuration how long a fetched record stays locked to this worker (the share group's
 *     {@code share.record.lock.duration.ms}, at most the broker's maximum, 60 s by default)
 * @param processingMargin the part of the lock kept free: a record is given back once its processing, retries
 *     included, would run past {@code recordLockDuration - processingMargin}
 * @param maxDeliveries how often a record may be delivered: the broker's {@code group.share.delivery.count.limit}
 *     (5 by default), which must be configured to match;
 *     on its last delivery a record that still fails goes to the dead-letter topic instead of back to the lane,
 *     because the broker would archive, i.e. silently drop, it
 */
@Validated
@ConfigurationProperties("clientnest.worker")
public record WorkerProperties(
        @Min(1) int concurrency,
        @NotBlank String shareGroup,
        @NotNull Duration pollTimeout,
        @NotNull Duration idleBackoff,
        @NotNull Duration maxIdleBackoff,
        @NotNull Duration minCallTime,
        @NotNull Duration starvationThreshold,
        @NotNull Duration recordLockDuration,
        @NotNull Duration processingMargin,
        @Min(2) @Max(10) int maxDeliveries,
        @Valid @NotNull Retry retry) {

    /** The time one delivery of a record may take, every attempt and back-off included. */
    public Duration processingBudget() {
        return recordLockDuration.minus(processingMargin);
    }

    /**
     * Exponential back-off with jitter for retryable DeepSeek failures.
     *
     * @param maxAttempts calls per request, the first included
     * @param jitter the fraction of each delay that is randomised, 0 to 1
     */
    public record Retry(
            @Min(1) int maxAttempts,
            @NotNull Duration initialBackoff,
            @DecimalMin("1.0") double multiplier,
            @NotNull Duration maxBackoff,
            @DecimalMin("0.0") @DecimalMax("1.0") double jitter) {}
}
