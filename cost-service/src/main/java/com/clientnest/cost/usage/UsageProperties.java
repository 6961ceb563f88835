package com.clientnest.cost.usage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How usage events are consumed.
 *
 * @param consumerGroup consumer group of the usage listener; instances of this service share it
 * @param concurrency consumers per instance (the usage topic's partitions bound the useful number)
 * @param retry back-off for failures that may pass (the database away); invalid events are not retried
 * @param batchSize most usage events recorded in one transaction (the consumer's {@code max.poll.records})
 * @param cacheHitsCountAsRequests whether a request answered from the gateway's response cache counts against its
 *     type's monthly request quota. True by default: the quota limits how often a feature is used, and the user got
 *     the answer; a hit is always priced 0 and uses no tokens either way (ADR 0011)
 */
@Validated
@ConfigurationProperties("clientnest.cost.usage")
record UsageProperties(
        @NotBlank @DefaultValue("cost-usage") String consumerGroup,
        @Min(1) @DefaultValue("1") int concurrency,
        @Valid @NotNull @DefaultValue Retry retry,
        @Min(1) @DefaultValue("2000") int batchSize,
        @DefaultValue("true") boolean cacheHitsCountAsRequests) {

    /**
     * Exponential back-off of a batch that keeps failing because the database or broker is away. There is
     * deliberately no limit: a record given up would be a billed call missing from the ledger. An event that can
     * never be recorded is not retried but sent to {@code ai.usage.dlt}.
     *
     * @param initialInterval first wait
     * @param multiplier growth of each wait
     * @param maxInterval longest single wait
     */
    record Retry(
            @NotNull @DefaultValue("1s") Duration initialInterval,
            @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("30s") Duration maxInterval) {}
}
