package com.clientnest.gateway.ratelimit;

import com.clientnest.schemas.events.Tier;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The per-user rate limit of AI submissions ({@code clientnest.gateway.rate-limit.*}): a token bucket per user that
 * holds a minute's worth and refills evenly, so a user may burst their whole minute and then keeps the pace.
 *
 * @param requestsPerMinute by tier; every tier must be configured
 */
@Validated
@ConfigurationProperties("clientnest.gateway.rate-limit")
record RateLimitProperties(@NotNull Map<Tier, @NotNull Integer> requestsPerMinute) {

    RateLimitProperties {
        if (requestsPerMinute != null) {
            Map<Tier, Integer> configured = requestsPerMinute;
            List<Tier> missing = Arrays.stream(Tier.values())
                    .filter(tier -> !configured.containsKey(tier))
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "clientnest.gateway.rate-limit.requests-per-minute has no limit for " + missing);
            }
            if (configured.values().stream().anyMatch(limit -> limit < 1)) {
                throw new IllegalArgumentException("Every requests-per-minute limit must be at least 1");
            }
            requestsPerMinute = Collections.unmodifiableMap(new EnumMap<>(requestsPerMinute));
        }
    }

    int of(Tier tier) {
        return requestsPerMinute.get(tier);
    }
}
