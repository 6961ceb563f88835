package com.clientnest.gateway.submission;

import com.clientnest.gateway.GatewayProperties;

/**
 * A deliberately simple estimate of the wait before a request is done: the requests already queued on its lane
 * plus itself, served {@code parallelism} at a time, each taking {@code secondsPerRequest}. It ignores the higher
 * lanes a worker serves first, so under load on a higher lane it is optimistic for the lower ones.
 */
final class WaitEstimator {

    private final int secondsPerRequest;
    private final int parallelism;

    WaitEstimator(GatewayProperties.Estimate estimate) {
        this.secondsPerRequest = estimate.secondsPerRequest();
        this.parallelism = estimate.parallelism();
    }

    int estimatedWaitSeconds(long queuedAhead) {
        long rounds = (queuedAhead + parallelism) / parallelism;
        return (int) Math.min(Integer.MAX_VALUE, rounds * secondsPerRequest);
    }
}
