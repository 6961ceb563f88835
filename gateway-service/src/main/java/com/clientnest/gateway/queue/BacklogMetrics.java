package com.clientnest.gateway.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code clientnest.lane.backlog} (requests queued) and {@code clientnest.lane.oldest.age} (seconds the oldest
 * has waited) per lane, from the same cached {@link LaneStatistics} that {@code GET /api/v1/queue} and every
 * {@code 202} read, so a scrape never runs a query of its own. The request store is shared by every gateway
 * instance, so each reports the same figures: graph them with {@code max}, not {@code sum}. While the database is
 * away the gauges read NaN (Micrometer's answer to a failing gauge): a gap in the graph, not an empty lane.
 */
@Component
class BacklogMetrics implements MeterBinder {

    static final String BACKLOG = "clientnest.lane.backlog";
    static final String OLDEST_AGE = "clientnest.lane.oldest.age";

    private final LaneStatistics statistics;

    BacklogMetrics(LaneStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String lane : LaneStatistics.LANES) {
            Gauge.builder(
                            BACKLOG,
                            statistics,
                            s -> s.current().lanes().get(lane).backlog())
                    .description("Requests waiting in the lane (status QUEUED)")
                    .tag("lane", lane)
                    .register(registry);
            TimeGauge.builder(
                            OLDEST_AGE,
                            statistics,
                            TimeUnit.SECONDS,
                            s -> s.current().lanes().get(lane).oldestAgeSeconds())
                    .description("How long the oldest queued request of the lane has waited")
                    .tag("lane", lane)
                    .register(registry);
        }
    }
}
