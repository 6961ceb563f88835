package com.clientnest.gateway.submission;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How submissions are stored ({@code clientnest.gateway.submission.*}).
 *
 * @param batch how the requests of concurrent submissions are stored together
 */
@Validated
@ConfigurationProperties("clientnest.gateway.submission")
public record SubmissionProperties(
        @Valid @NotNull @DefaultValue Batch batch) {

    /**
     * @param maxSize the most requests stored in one transaction; 1 stores each alone
     * @param writers transactions under way at once, each on a pooled connection of its own
     */
    public record Batch(
            @Min(1) @Max(1000) @DefaultValue("100") int maxSize,
            @Min(1) @Max(16) @DefaultValue("2") int writers) {}
}
