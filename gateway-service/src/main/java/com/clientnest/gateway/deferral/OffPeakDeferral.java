package com.clientnest.gateway.deferral;

import com.clientnest.schemas.events.Tier;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** When a deferrable request may go: at once inside the off-peak window, else at the window's next start. */
@Component
public class OffPeakDeferral {

    private final DeferralProperties properties;

    OffPeakDeferral(DeferralProperties properties) {
        this.properties = properties;
    }

    /** Whether content suggestions of this tier wait for the off-peak window when they do not say. */
    public boolean suggestionsWaitByDefault(Tier tier) {
        return properties.suggestionsByDefault().contains(tier);
    }

    /** The time to hold a request until, or empty when it goes now. */
    public Optional<Instant> holdUntil(boolean deferrable, Instant now) {
        if (!deferrable || !properties.enabled() || properties.offPeakWindow().contains(now)) {
            return Optional.empty();
        }
        return Optional.of(properties.offPeakWindow().nextStart(now));
    }
}
