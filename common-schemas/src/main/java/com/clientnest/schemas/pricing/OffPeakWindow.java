package com.clientnest.schemas.pricing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The daily off-peak window in UTC, start inclusive and end exclusive. A window whose end is not after its start
 * runs over midnight (DeepSeek's is 16:30 to 00:30 UTC). One definition for the cost service, which prices a call by
 * whether its time falls inside, and the gateway, which holds deferrable requests until the next start.
 *
 * @param start first instant of the window, UTC
 * @param end first instant after the window, UTC
 */
public record OffPeakWindow(LocalTime start, LocalTime end) {

    public OffPeakWindow {
        Objects.requireNonNull(start, "The off-peak window needs a start");
        Objects.requireNonNull(end, "The off-peak window needs an end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("The off-peak window must not start and end at the same time (" + start
                    + "): it would be either empty or the whole day");
        }
    }

    /** Whether the instant is inside the window. */
    public boolean contains(Instant instant) {
        LocalTime time = LocalTime.ofInstant(instant, ZoneOffset.UTC);
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    /** The first start of the window at or after the instant. */
    public Instant nextStart(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        Instant today = day.atTime(start).toInstant(ZoneOffset.UTC);
        return today.isBefore(instant) ? day.plusDays(1).atTime(start).toInstant(ZoneOffset.UTC) : today;
    }
}
