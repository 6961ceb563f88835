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
 * @param maxInFlight requests this instance holds at once, each in its own virtual thread; the fleet share of
 *     {@code clientnest.deepseek.max-concurrency} and the circuit breaker may allow fewer
 * @param consumersPerLane share consumers per lane; one per lane always polls, the others join while the lane
 *     has a backlog. A consumer polls again only once every record of its last poll is acknowledged, so a busy
 *     lane needs several to keep the capacity full while slow calls finish
 * @param fetchBatch records one poll may return ({@code max.poll.records}); a consumer polls only once it holds
 *     that much free capacity (or all of it, when the capacity is smaller). A consumer holds one batch at a time, so
 *     one lane can hold at most {@code scout-batch + (consumers-per-lane - 1) × fetch-batch}: keep that above
 *     {@code max-in-flight}, and the batch small next to it, so lanes share the capacity in fine grains
 * @param scoutBatch records one poll of a lane's scout may return: the scout polls without holding capacity, so an
 *     idle lane costs none, and each record it brings waits for its own share of capacity
 * @param shareGroup the share group every worker instance joins on every lane
 * @param pollTimeout how long one poll of an empty lane waits for a record, holding its capacity
 * @param minCallTime a DeepSeek call is not started with less than this left of the record's budget
 * @param minimumShare the share of the capacity a waiting normal or low lane is always let up to, however busy
 *     the lanes above it: priority without starvation
 * @param recordLockDuration how long a fetched record stays locked to this worker (the share group's
 *     {@code share.record.lock.duration.ms}, at most the broker's maximum, 60 s by default)
 * @param processingMargin the part of the lock kept free: a record is given back once its processing, retries
 *     included, would run past {@code recordLockDuration - processingMargin}
 * @param maxDeliveries how often a record may be delivered: the broker's {@code group.share.delivery.count.limit}
 *     (5 by default), which must be configured to match
 * @param outageWait how often a record held while the circuit breaker is open checks whether it may call again
 * @param dedupWindow how long this instance remembers the requests whose outcome is published, so that a record
 *     delivered again after its outcome (a lost acknowledgement) causes no second call; several lock durations
 */
@Validated
@ConfigurationProperties("clientnest.worker")
public record WorkerProperties(
        @Min(1) int maxInFlight,
        @Min(1) @Max(64) int consumersPerLane,
        @Min(1) @Max(2000) int fetchBatch,
        @Min(1) @Max(2000) int scoutBatch,
        @NotBlank String shareGroup,
        @NotNull Duration pollTimeout,
        @NotNull Duration minCallTime,
        @Valid @NotNull MinimumShare minimumShare,
        @NotNull Duration recordLockDuration,
        @NotNull Duration processingMargin,
        @Min(2) @Max(10) int maxDeliveries,
        @NotNull Duration outageWait,
        @NotNull Duration dedupWindow,
        @Valid @NotNull Retry retry,
        @Valid @NotNull Fleet fleet,
        @Valid @NotNull Breaker breaker) {

    /** The time one delivery of a record may take, every attempt and back-off included. */
    public Duration processingBudget() {
        return recordLockDuration.minus(processingMargin);
    }

    /** Fractions of the capacity, 0 to 1, that the normal and low lanes always get while they have work. */
    public record MinimumShare(
            @DecimalMin("0.0") @DecimalMax("1.0") double normal,
            @DecimalMin("0.0") @DecimalMax("1.0") double low) {}

    /**
     * Exponential back-off with jitter for retryable DeepSeek failures, within one delivery of a record.
     *
     * @param maxAttempts calls per delivery, the first included
     * @param jitter the fraction of each delay that is randomised, 0 to 1
     */
    public record Retry(
            @Min(1) int maxAttempts,
            @NotNull Duration initialBackoff,
            @DecimalMin("1.0") double multiplier,
            @NotNull Duration maxBackoff,
            @DecimalMin("0.0") @DecimalMax("1.0") double jitter) {}

    /**
     * How the account's concurrency is shared among the worker instances.
     *
     * @param refreshInterval how often an instance counts the live instances of its share group
     * @param initialLimit the concurrency a starting instance begins with; it grows by one per successful call
     *     up to its share (doubling per round trip), so an instance the others have not yet counted can overshoot
     *     the account by little, and the 429s of an overshoot are retried, never dead-lettered
     * @param rateLimitedBackoff after a 429, this instance does not grow its limit again for this long
     */
    public record Fleet(
            @NotNull Duration refreshInterval,
            @Min(1) int initialLimit,
            @NotNull Duration rateLimitedBackoff) {}

    /**
     * The circuit breaker in front of DeepSeek: while it is open the worker takes nothing from the lanes.
     *
     * @param slidingWindow calls over which the failure rate is measured
     * @param minimumCalls calls needed before the failure rate counts
     * @param failureRateThreshold percentage of failed calls (5xx, timeouts, 429) that opens it
     * @param openWait the first wait before half-open probes; it doubles while probes fail, up to {@code maxOpenWait}
     * @param probes calls let through while half-open
     */
    public record Breaker(
            @Min(1) int slidingWindow,
            @Min(1) int minimumCalls,
            @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
            @NotNull Duration openWait,
            @NotNull Duration maxOpenWait,
            @Min(1) int probes) {}
}
