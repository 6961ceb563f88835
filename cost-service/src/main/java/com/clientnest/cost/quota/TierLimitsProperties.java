package com.clientnest.cost.quota;

import com.clientnest.schemas.events.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Monthly limits by tier ({@code clientnest.cost.tiers.<tier>}): configuration, because plans change without
 * a release. Every tier must be configured, so a user is never left without limits.
 *
 * @param tiers the limits of each tier
 */
@Validated
@ConfigurationProperties("clientnest.cost")
public record TierLimitsProperties(@NotNull Map<Tier, @Valid @NotNull TierLimits> tiers) {

    public TierLimitsProperties {
        if (tiers != null) {
            Map<Tier, TierLimits> configured = tiers;
            List<Tier> missing = Arrays.stream(Tier.values())
                    .filter(tier -> !configured.containsKey(tier))
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("clientnest.cost.tiers has no limits for " + missing);
            }
            tiers = Collections.unmodifiableMap(new EnumMap<>(tiers));
        }
    }

    public TierLimits of(Tier tier) {
        return tiers.get(tier);
    }
}
