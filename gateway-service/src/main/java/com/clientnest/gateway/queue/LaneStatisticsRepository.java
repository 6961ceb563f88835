package com.clientnest.gateway.queue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LaneStatisticsRepository {

    private final JdbcClient jdbc;

    LaneStatisticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row per lane that has queued, in-flight or recently finished requests. */
    List<LaneCounts> counts(Instant windowStart) {
        return jdbc.sql("""
                        SELECT lane,
                               count(*) FILTER (WHERE status = 'QUEUED') AS backlog,
                               min(created_at) FILTER (WHERE status = 'QUEUED') AS oldest_queued,
                               count(*) FILTER (WHERE status = 'PROCESSING') AS in_flight,
                               count(*) FILTER (WHERE completed_at >= :windowStart
                                                AND status IN ('COMPLETED', 'FAILED', 'DEAD_LETTERED')
                                                AND NOT cached) AS completed
                        FROM ai_requests
                        WHERE status IN ('QUEUED', 'PROCESSING') OR completed_at >= :windowStart
                        GROUP BY lane
                        """)
                .param("windowStart", OffsetDateTime.ofInstant(windowStart, ZoneOffset.UTC))
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject("oldest_queued", OffsetDateTime.class);
                    return new LaneCounts(
                            rs.getString("lane"),
                            rs.getLong("backlog"),
                            oldest == null ? null : oldest.toInstant(),
                            rs.getLong("in_flight"),
                            rs.getLong("completed"));
                })
                .list();
    }

    /** @param completed requests of the lane that reached a final outcome (not cancelled) within the window */
    record LaneCounts(String lane, long backlog, Instant oldestQueuedAt, long inFlight, long completed) {}
}
