package com.clientnest.gateway.quota;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches the cost service for quota admission ({@code clientnest.gateway.quota.*}).
 *
 * @param costServiceUrl base URL of the cost service
 * @param serviceToken the suite's service token (env {@code CLIENTNEST_SERVICE_TOKEN}); required, since the cost
 *     service answers nobody without it
 * @param connectTimeout how long to wait for a connection to the cost service
 * @param timeout how long to wait for its answer; with the connection, well under the one second a client waits
 *     for a 503 when the cost service is away
 * @param unavailableRetryAfter the {@code Retry-After} of that 503
 * @param estimate how the tokens of a request are estimated before it runs
 * @param batch how the admissions of concurrent submissions are sent together
 */
@Validated
@ConfigurationProperties("clientnest.gateway.quota")
public record QuotaProperties(
        @NotNull @DefaultValue("http://localhost:8081") URI costServiceUrl,
        @NotBlank String serviceToken,
        @NotNull @DefaultValue("250ms") Duration connectTimeout,
        @NotNull @DefaultValue("600ms") Duration timeout,
        @NotNull @DefaultValue("5s") Duration unavailableRetryAfter,
        @Valid @NotNull @DefaultValue Estimate estimate,
        @Valid @NotNull @DefaultValue Batch batch) {

    /**
     * Admissions sent to the cost service together (ADR 0006): a sender takes whatever waits when it is free.
     *
     * @param maxSize the most admissions in one call; 1 sends each alone
     * @param senders calls under way at once; fewer make larger batches under load, more make a lone admission less
     *     likely to wait behind a batch
     */
    public record Batch(
            @Min(1) @Max(1000) @DefaultValue("100") int maxSize,
            @Min(1) @DefaultValue("2") int senders) {}

    /** How long a submission waits for its admission: a connection and an answer, as one call would. */
    public Duration admissionWaitLimit() {
        return connectTimeout.plus(timeout);
    }

    /**
     * An upper estimate of the tokens a request can use, reserved until its real usage settles it.
     *
     * @param promptOverheadTokens the worker's system prompt around the user's text
     * @param sentimentMaxTokens the completion limit the worker sets for a sentiment analysis
     * @param optimizationMaxTokens the completion limit the worker sets for an optimisation
     * @param contentMaxTokens the completion limit of content generation when the request sets none
     */
    public record Estimate(
            @Min(0) @DefaultValue("400") int promptOverheadTokens,
            @Min(1) @DefaultValue("200") int sentimentMaxTokens,
            @Min(1) @DefaultValue("500") int optimizationMaxTokens,
            @Min(1) @DefaultValue("800") int contentMaxTokens) {}
}
