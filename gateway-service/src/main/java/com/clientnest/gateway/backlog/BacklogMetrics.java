package com.clientnest.gateway.backlog;

import com.clientnest.schemas.events.Lane;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code clientnest.lane.backlog} (requests queued) and {@code clientnest.lane.oldest.age} (seconds the oldest
 * has waited) per lane. The request store is shared by every gateway instance, so each reports the same figures:
 * graph them with {@code max}, not {@code sum}.
 */
@Component
class BacklogMetrics implements MeterBinder {

    static final String BACKLOG = "clientnest.lane.backlog";
    static final String OLDEST_AGE = "clientnest.lane.oldest.age";

    private final LaneBacklog backlog;

    BacklogMetrics(LaneBacklog backlog) {
        this.backlog = backlog;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Lane lane : Lane.values()) {
            String name = lane.name().toLowerCase(Locale.ROOT);
            Gauge.builder(BACKLOG, backlog, b -> b.queued(lane))
                    .description("Requests waiting in the lane (status QUEUED)")
                    .tag("lane", name)
                    .register(registry);
            TimeGauge.builder(OLDEST_AGE, backlog, TimeUnit.SECONDS, b -> b.oldestAgeSeconds(lane))
                    .description("How long the oldest queued request of the lane has waited")
                    .tag("lane", name)
                    .register(registry);
        }
    }
}
