package com.clientnest.gateway.queue;

/**
 * The wait of the next request on a lane: the backlog ahead of it drained at the lane's measured completion rate,
 * then its own call. The rate only says how fast a lane drains while it has a backlog: on a quiet lane it measures
 * demand, not capacity (one completion a minute does not make the next request wait a minute), so with nothing
 * queued, or nothing measured, the configured guess stands in: rounds of {@code parallelism} requests of {@code
 * secondsPerRequest} each.
 */
final class WaitEstimate {

    private final int secondsPerRequest;
    private final int parallelism;

    WaitEstimate(int secondsPerRequest, int parallelism) {
        this.secondsPerRequest = secondsPerRequest;
        this.parallelism = parallelism;
    }

    int seconds(long backlog, double completionsPerMinute) {
        if (backlog > 0 && completionsPerMinute > 0) {
            return (int)
                    Math.min(Integer.MAX_VALUE, Math.ceil(backlog * 60.0 / completionsPerMinute) + secondsPerRequest);
        }
        long ahead = backlog + 1;
        long rounds = (ahead + parallelism - 1) / parallelism;
        return (int) Math.min(Integer.MAX_VALUE, rounds * secondsPerRequest);
    }
}
