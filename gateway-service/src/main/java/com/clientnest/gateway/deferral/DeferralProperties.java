package com.clientnest.gateway.deferral;

import com.clientnest.schemas.pricing.OffPeakWindow;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Off-peak deferral ({@code clientnest.gateway.deferral.*}).
 *
 * @param enabled whether {@code "deferrable": true} holds a request at all; off, it goes at once like any other
 * @param offPeakWindow DeepSeek's off-peak window, in UTC; must be the cost service's
 *     ({@code clientnest.cost.prices.off-peak-window}), which prices the calls
 * @param releaseInterval how often due requests are put on the low lane
 * @param releaseBatch most requests released in one transaction
 */
@Validated
@ConfigurationProperties("clientnest.gateway.deferral")
public record DeferralProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull OffPeakWindow offPeakWindow,
        @NotNull @DefaultValue("5s") Duration releaseInterval,
        @DefaultValue("500") int releaseBatch) {}
