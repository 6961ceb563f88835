package com.clientnest.gateway.submission;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
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
     * @param lockWait how long a batch waits for a cache key's lock before it hands its requests back to be stored
     *     one by one: a key held by a slow transaction then holds up only its own requests, not a whole batch
     */
    public record Batch(
            @Min(1) @Max(1000) @DefaultValue("100") int maxSize,
            @Min(1) @Max(16) @DefaultValue("2") int writers,
            @NotNull @DefaultValue("250ms") Duration lockWait) {}
}
