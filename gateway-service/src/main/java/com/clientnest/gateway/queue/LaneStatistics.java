package com.clientnest.gateway.queue;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.queue.LaneStatisticsRepository.LaneCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
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

    private static final int SLOWDOWN = 20;
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private final LaneStatisticsRepository repository;
    private final Clock clock;
    private final Duration window;
    private final Duration refresh;
    private final WaitEstimate estimate;
    private final ReentrantLock measuring = new ReentrantLock();
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

    /**
     * The latest figures, measured again once they are older than the refresh. Only one caller measures; while it
     * does, the others answer from the figures before, rather than all queue behind a query that takes longer the
     * longer the backlog (only the very first callers wait, having no figures yet).
     */
    Snapshot current() {
        Snapshot known = snapshot;
        if (known != null && clock.instant().isBefore(known.refreshAt())) {
            return known;
        }
        if (known == null) {
            measuring.lock();
        } else if (!measuring.tryLock()) {
            return known;
        }
        try {
            Snapshot latest = snapshot;
            Instant now = clock.instant();
            if (latest != null && now.isBefore(latest.refreshAt())) {
                return latest;
            }
            snapshot = measure(now);
            return snapshot;
        } finally {
            measuring.unlock();
        }
    }

    private Snapshot measure(Instant now) {
        long started = System.nanoTime();
        Map<String, LaneCounts> counts = repository.counts(now.minus(window)).stream()
                .collect(Collectors.toMap(LaneCounts::lane, Function.identity()));
        // The query counts the whole backlog, so it costs more the longer the backlog (170 ms at 100,000 queued):
        // it is run at most every refresh, and never for more than 1/20 of the time of one connection.
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // At most half a minute: a query slowed by a stall must not freeze the figures for long.
        Duration stretched = took.multipliedBy(SLOWDOWN);
        Duration validFor =
                stretched.compareTo(refresh) <= 0 ? refresh : stretched.compareTo(LONGEST) < 0 ? stretched : LONGEST;
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
        return new Snapshot(now, now.plus(validFor), window.toSeconds(), lanes);
    }

    /** @param refreshAt when the figures are to be measured again */
    record Snapshot(Instant measuredAt, Instant refreshAt, long windowSeconds, Map<String, LaneView> lanes) {}

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
