package com.clientnest.gateway.deferral;

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

    /** The time to hold a request until, or empty when it goes now. */
    public Optional<Instant> holdUntil(boolean deferrable, Instant now) {
        if (!deferrable || !properties.enabled() || properties.offPeakWindow().contains(now)) {
            return Optional.empty();
        }
        return Optional.of(properties.offPeakWindow().nextStart(now));
    }
}
