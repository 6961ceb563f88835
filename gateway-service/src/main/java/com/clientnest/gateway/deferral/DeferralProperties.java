package com.clientnest.gateway.deferral;

import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.pricing.OffPeakWindow;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Set;
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
 * @param suggestionsByDefault tiers whose content suggestions wait for the off-peak window unless they say
 *     {@code "deferrable": false}: by default the two cheapest, for whom half-price variants by the evening are the
 *     better trade; the others get them at once unless they ask to wait
 */
@Validated
@ConfigurationProperties("clientnest.gateway.deferral")
public record DeferralProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull OffPeakWindow offPeakWindow,
        @NotNull @DefaultValue("5s") Duration releaseInterval,
        @DefaultValue("500") int releaseBatch,
        @DefaultValue({"free", "starter"}) Set<Tier> suggestionsByDefault) {}
