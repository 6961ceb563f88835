package com.clientnest.simulator;

/**
 * How long the simulated service takes to answer: a log-normal time to the first token described by its mean and
 * 99th percentile, plus a fixed time per generated token.
 *
 * @param meanMs mean time to the first token, in milliseconds; 0 answers at once
 * @param p99Ms 99th percentile of the time to the first token; at or below the mean the time is constant
 * @param perOutputTokenMs time added for every completion token, as a model's decoding speed
 */
public record LatencyProfile(long meanMs, long p99Ms, double perOutputTokenMs) {

    public LatencyProfile {
        if (meanMs < 0 || p99Ms < 0 || perOutputTokenMs < 0) {
            throw new IllegalArgumentException("latency figures must not be negative");
        }
    }

    public static LatencyProfile none() {
        return new LatencyProfile(0, 0, 0);
    }

    public static LatencyProfile of(long meanMs, long p99Ms) {
        return new LatencyProfile(meanMs, p99Ms, 0);
    }

    public LatencyProfile withPerOutputTokenMs(double perOutputTokenMs) {
        return new LatencyProfile(meanMs, p99Ms, perOutputTokenMs);
    }
}
