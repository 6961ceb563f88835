package com.clientnest.cost.pricing;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The daily off-peak window in UTC, start inclusive and end exclusive. A window whose end is not after its
 * start runs over midnight (DeepSeek's historical one is 16:30 to 00:30 UTC).
 *
 * @param start first instant of the window, UTC
 * @param end first instant after the window, UTC
 */
public record OffPeakWindow(
        @NotNull LocalTime start, @NotNull LocalTime end) {

    public OffPeakWindow {
        if (start != null && start.equals(end)) {
            throw new IllegalArgumentException("The off-peak window must not start and end at the same time (" + start
                    + "): it would be either empty or the whole day");
        }
    }

    boolean contains(Instant instant) {
        LocalTime time = LocalTime.ofInstant(instant, ZoneOffset.UTC);
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }
}
