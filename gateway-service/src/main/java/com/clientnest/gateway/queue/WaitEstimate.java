package com.clientnest.gateway.queue;

/**
 * The wait of the next request on a lane: the backlog ahead of it and itself, drained at the lane's measured
 * completion rate. Until a lane has completions in the window (a quiet system, a fresh start) the configured guess
 * stands in: rounds of {@code parallelism} requests of {@code secondsPerRequest} each.
 */
final class WaitEstimate {

    private final int secondsPerRequest;
    private final int parallelism;

    WaitEstimate(int secondsPerRequest, int parallelism) {
        this.secondsPerRequest = secondsPerRequest;
        this.parallelism = parallelism;
    }

    int seconds(long backlog, double completionsPerMinute) {
        long ahead = backlog + 1;
        if (completionsPerMinute > 0) {
            return (int) Math.min(Integer.MAX_VALUE, Math.ceil(ahead * 60.0 / completionsPerMinute));
        }
        long rounds = (ahead + parallelism - 1) / parallelism;
        return (int) Math.min(Integer.MAX_VALUE, rounds * secondsPerRequest);
    }
}
