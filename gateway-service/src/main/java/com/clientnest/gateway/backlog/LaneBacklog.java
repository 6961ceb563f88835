package com.clientnest.gateway.backlog;

import com.clientnest.schemas.events.Lane;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Requests waiting in each lane and the age of the oldest, from the request store: one grouped query on the
 * partial index of queued requests, run at most once per refresh interval whatever the number of scrapes.
 */
@Component
class LaneBacklog {

    private static final Logger log = LoggerFactory.getLogger(LaneBacklog.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration refreshInterval;
    private Snapshot snapshot;

    LaneBacklog(JdbcClient jdbc, Clock clock, BacklogProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.refreshInterval = properties.refreshInterval();
    }

    double queued(Lane lane) {
        return current().lanes().get(lane).queued();
    }

    double oldestAgeSeconds(Lane lane) {
        return current().lanes().get(lane).oldestAgeSeconds();
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.takenAt().plus(refreshInterval))) {
            snapshot = take(now);
        }
        return snapshot;
    }

    private Snapshot take(Instant now) {
        Map<Lane, LaneFigures> lanes = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            lanes.put(lane, new LaneFigures(0, 0));
        }
        try {
            jdbc.sql("""
                            SELECT lane, count(*) AS queued, min(created_at) AS oldest
                            FROM ai_requests WHERE status = 'QUEUED' GROUP BY lane
                            """)
                    .query((row, n) -> {
                        Lane lane = Lane.valueOf(row.getString("lane").toUpperCase(Locale.ROOT));
                        Instant oldest =
                                row.getObject("oldest", OffsetDateTime.class).toInstant();
                        double age = Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
                        lanes.put(lane, new LaneFigures(row.getLong("queued"), age));
                        return lane;
                    })
                    .list();
        } catch (DataAccessException e) {
            // An unknown backlog is shown as a gap in the graph, not as an empty lane.
            log.warn("Cannot read the lane backlog: {}", e.getMessage());
            lanes.replaceAll((lane, figures) -> new LaneFigures(Double.NaN, Double.NaN));
        }
        return new Snapshot(now, lanes);
    }

    private record Snapshot(Instant takenAt, Map<Lane, LaneFigures> lanes) {}

    private record LaneFigures(double queued, double oldestAgeSeconds) {}
}
