package com.clientnest.simulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Draws times to the first token from a log-normal distribution with the profile's mean and 99th percentile.
 * Log-normal because service latencies are positive with a long right tail; its two parameters are solved from
 * mean = exp(mu + sigma^2 / 2) and p99 = exp(mu + z99 * sigma).
 */
final class LatencySampler {

    private static final double Z99 = 2.3263478740408408;

    private final LatencyProfile profile;
    private final double mu;
    private final double sigma;

    LatencySampler(LatencyProfile profile) {
        this.profile = profile;
        double mean = profile.meanMs();
        double p99 = profile.p99Ms();
        if (mean <= 0 || p99 <= mean) {
            this.sigma = 0;
            this.mu = mean <= 0 ? Double.NEGATIVE_INFINITY : Math.log(mean);
        } else {
            // ln(p99 / mean) = z * sigma - sigma^2 / 2 has a real root only up to z^2 / 2; a wider spread than
            // that is clamped to the widest tail a log-normal with this mean can have.
            double gap = Math.min(Math.log(p99 / mean), Z99 * Z99 / 2);
            this.sigma = Z99 - Math.sqrt(Z99 * Z99 - 2 * gap);
            this.mu = Math.log(mean) - sigma * sigma / 2;
        }
    }

    LatencyProfile profile() {
        return profile;
    }

    Duration firstToken() {
        if (profile.meanMs() == 0) {
            return Duration.ZERO;
        }
        if (sigma == 0) {
            return Duration.ofMillis(profile.meanMs());
        }
        double gaussian = ThreadLocalRandom.current().nextGaussian();
        return Duration.ofMillis(Math.round(Math.exp(mu + sigma * gaussian)));
    }

    Duration forOutputTokens(int tokens) {
        return Duration.ofNanos(Math.round(profile.perOutputTokenMs() * tokens * 1_000_000));
    }
}
