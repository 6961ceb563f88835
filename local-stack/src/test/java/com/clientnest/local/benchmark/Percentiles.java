package com.clientnest.local.benchmark;

import java.util.Collection;

/** Percentiles of a set of durations in milliseconds. */
record Percentiles(long count, double p50, double p95, double p99, double max) {

    static Percentiles of(Collection<? extends Number> values) {
        double[] sorted =
                values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(
                sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String brief() {
        return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (n=%d)", p50, p95, p99, count);
    }
}
