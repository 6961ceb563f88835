package com.clientnest.worker.cancellation;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker instance follows cancelled requests.
 *
 * @param memory how long a cancellation is remembered after it was made; a request still on a lane that much later is
 *     called after all. The cancellations topic keeps a week, as the lanes do, so a week misses none
 * @param catchUpTimeout how long a starting instance waits to have read the cancellations already on the topic before
 *     it takes requests from the lanes; past it, it starts anyway and reads the rest while it works
 */
@Validated
@ConfigurationProperties("clientnest.worker.cancellations")
public record CancellationProperties(
        @NotNull Duration memory, @NotNull Duration catchUpTimeout) {}
