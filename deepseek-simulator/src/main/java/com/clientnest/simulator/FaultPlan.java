package com.clientnest.simulator;

import java.time.Duration;

/**
 * A fault to inject into chat completion calls: which one, how often and for how long.
 *
 * @param mode what goes wrong
 * @param status the HTTP status answered when {@code mode} is {@link FaultMode#STATUS}, otherwise 200
 * @param probability chance in [0, 1] that one call is hit
 * @param duration how long the plan stays active from the moment it is set
 * @param keepAliveFor how long blank lines are sent before the body in {@link FaultMode#KEEP_ALIVE_LINES}
 */
public record FaultPlan(FaultMode mode, int status, double probability, Duration duration, Duration keepAliveFor) {

    static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(3);

    public FaultPlan {
        if (mode == null || duration == null || keepAliveFor == null) {
            throw new IllegalArgumentException("mode, duration and keepAliveFor are required");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be within [0, 1]");
        }
        if (duration.isNegative() || keepAliveFor.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (mode == FaultMode.STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a status fault needs a 4xx or 5xx status");
        }
    }

    /** Every hit call answers {@code status} with DeepSeek's error body. */
    public static FaultPlan status(int status, double probability, Duration duration) {
        return new FaultPlan(FaultMode.STATUS, status, probability, duration, DEFAULT_KEEP_ALIVE);
    }

    /** Every hit call misbehaves as {@code mode} says. */
    public static FaultPlan mode(FaultMode mode, double probability, Duration duration) {
        if (mode == FaultMode.STATUS) {
            throw new IllegalArgumentException("use FaultPlan.status(...) for status faults");
        }
        return new FaultPlan(mode, 200, probability, duration, DEFAULT_KEEP_ALIVE);
    }

    public FaultPlan withKeepAliveFor(Duration keepAliveFor) {
        return new FaultPlan(mode, status, probability, duration, keepAliveFor);
    }
}
