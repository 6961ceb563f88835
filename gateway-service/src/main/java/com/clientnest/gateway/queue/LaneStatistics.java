package com.clientnest.gateway.queue;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.queue.LaneStatisticsRepository.LaneCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Each lane's backlog, age, requests in flight and measured throughput, read from the database at most once per
 * {@code refresh} and shared by every caller in between: the submission path asks for a wait on every request, and
 * must not pay a COUNT for it.
 */
@Service
public class LaneStatistics {

    static final List<String> LANES = List.of("high", "normal", "low");

    private final LaneStatisticsRepository repository;
    private final Clock clock;
    private final Duration window;
    private final Duration refresh;
    private final WaitEstimate estimate;
    private volatile Snapshot snapshot;

    LaneStatistics(
            LaneStatisticsRepository repository, Clock clock, QueueProperties properties, GatewayProperties gateway) {
        this.repository = repository;
        this.clock = clock;
        this.window = properties.window();
        this.refresh = properties.refresh();
        this.estimate = new WaitEstimate(
                gateway.estimate().secondsPerRequest(), gateway.estimate().parallelism());
    }

    /** The wait, in seconds, of a request queued on the lane now. */
    public int estimatedWaitSeconds(String lane) {
        return current().lanes().get(lane).estimatedWaitSeconds();
    }

    Snapshot current() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        if (known != null && known.measuredAt().plus(refresh).isAfter(now)) {
            return known;
        }
        synchronized (this) {
            // Another caller may have refreshed it while this one waited for the lock.
            known = snapshot;
            if (known != null && known.measuredAt().plus(refresh).isAfter(now)) {
                return known;
            }
            snapshot = measure(now);
            return snapshot;
        }
    }

    private Snapshot measure(Instant now) {
        Map<String, LaneCounts> counts = repository.counts(now.minus(window)).stream()
                .collect(Collectors.toMap(LaneCounts::lane, Function.identity()));
        double windowMinutes = window.toMillis() / 60_000.0;
        Map<String, LaneView> lanes = LANES.stream().collect(Collectors.toMap(Function.identity(), lane -> {
            LaneCounts counted = counts.getOrDefault(lane, new LaneCounts(lane, 0, null, 0, 0));
            double perMinute = Math.round(counted.completed() / windowMinutes * 10) / 10.0;
            long oldestAge = counted.oldestQueuedAt() == null
                    ? 0
                    : Math.max(
                            0, Duration.between(counted.oldestQueuedAt(), now).toSeconds());
            return new LaneView(
                    lane,
                    counted.backlog(),
                    oldestAge,
                    counted.inFlight(),
                    perMinute,
                    estimate.seconds(counted.backlog(), counted.completed() / windowMinutes));
        }));
        return new Snapshot(now, window.toSeconds(), lanes);
    }

    record Snapshot(Instant measuredAt, long windowSeconds, Map<String, LaneView> lanes) {}

    /**
     * @param oldestAgeSeconds how long the lane's oldest queued request has waited
     * @param completionsPerMinute requests finished per minute over the window, measured
     * @param estimatedWaitSeconds the wait of a request queued on the lane now
     */
    record LaneView(
            String lane,
            long backlog,
            long oldestAgeSeconds,
            long inFlight,
            double completionsPerMinute,
            int estimatedWaitSeconds) {}
}
