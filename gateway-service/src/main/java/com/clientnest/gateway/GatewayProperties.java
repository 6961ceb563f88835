package com.clientnest.gateway;

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
 * Settings of the gateway ({@code clientnest.gateway.*}).
 *
 * @param adminApiKey the key that authenticates the admin role; blank disables it (env {@code CLIENTNEST_ADMIN_API_KEY})
 * @param devUser the development user ensured at start-up, if a key is given
 * @param results how the gateway follows the results topic
 * @param outbox how pending outbox rows reach Kafka
 * @param estimate the figures behind {@code estimatedWaitSeconds}
 */
@Validated
@ConfigurationProperties("clientnest.gateway")
public record GatewayProperties(
        String adminApiKey,
        @Valid @NotNull @DefaultValue DevUser devUser,
        @Valid @NotNull @DefaultValue Results results,
        @Valid @NotNull @DefaultValue Outbox outbox,
        @Valid @NotNull @DefaultValue Estimate estimate) {

    /** @param apiKey the API key of the professional-tier user {@code dev}; blank means no such user is made */
    public record DevUser(String apiKey) {}

    /**
     * @param groupId the consumer group that applies results to the request store
     * @param deadLetterGroupId the consumer group that follows the three dead-letter topics: stores every letter for
     *     the ops desk and marks dead-lettered requests
     * @param concurrency consumers in this instance (at most the topic's partition count is useful)
     * @param retry back-off for a result that fails for a reason that may pass (the database away)
     */
    public record Results(
            @NotBlank @DefaultValue("gateway-results") String groupId,
            @NotBlank @DefaultValue("gateway-dead-letters") String deadLetterGroupId,
            @Min(1) @DefaultValue("1") int concurrency,
            @Valid @NotNull @DefaultValue Retry retry) {

        /**
         * Exponential back-off of one record that keeps failing because the database or broker is away. There is
         * deliberately no limit: a result given up would leave its request QUEUED forever. A result that can never
         * be applied is not retried but sent to {@code ai.results.dlt} at once.
         *
         * @param initialInterval first wait
         * @param multiplier growth of each wait
         * @param maxInterval longest single wait
         */
        public record Retry(
                @NotNull @DefaultValue("1s") Duration initialInterval,
                @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
                @NotNull @DefaultValue("30s") Duration maxInterval) {}
    }

    /**
     * @param sweepInterval pause between sweeps for rows a wake-up after commit missed (crash, broker down)
     * @param batchSize rows claimed per transaction
     * @param sendTimeout how long to wait for the broker's acknowledgement of a batch
     * @param retention how long published rows are kept before they are deleted
     */
    public record Outbox(
            @NotNull @DefaultValue("1s") Duration sweepInterval,
            @Min(1) @DefaultValue("100") int batchSize,
            @NotNull @DefaultValue("10s") Duration sendTimeout,
            @NotNull @DefaultValue("7d") Duration retention) {}

    /**
     * @param secondsPerRequest the typical time a worker spends on one request
     * @param parallelism how many requests of one lane the worker fleet typically serves at once
     */
    public record Estimate(
            @Min(0) @DefaultValue("3") int secondsPerRequest,
            @Min(1) @DefaultValue("4") int parallelism) {}
}
