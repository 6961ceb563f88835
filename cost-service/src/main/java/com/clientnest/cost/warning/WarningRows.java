package com.clientnest.cost.warning;

import com.clientnest.schemas.events.QuotaWarningRaised;
import com.clientnest.schemas.events.Tier;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code quota_warnings} table: the once-only record of each warning, and the outbox it is published from. */
@Repository
class WarningRows {

    /** The scales of the event's decimal fields. */
    private static final int THRESHOLD_SCALE = 2;

    private static final int AMOUNT_SCALE = 6;

    private final JdbcClient jdbc;

    WarningRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean insertIfNew(String userId, YearMonth month, Tier tier, Warning warning) {
        return jdbc.sql("""
                                INSERT INTO quota_warnings (user_id, month, metric, threshold, event_id, tier, used,
                                                            quota_limit, raised_at)
                                VALUES (:userId, :month, :metric, :threshold, :eventId, :tier, :used, :limit, now())
                                ON CONFLICT (user_id, month, metric, threshold) DO NOTHING
                                """)
                        .param("userId", userId)
                        .param("month", month.toString())
                        .param("metric", warning.metric().wireName())
                        .param("threshold", warning.threshold())
                        .param("eventId", UUID.randomUUID())
                        .param("tier", tier.name())
                        .param("used", warning.used())
                        .param("limit", warning.limit())
                        .update()
                == 1;
    }

    /** Up to {@code limit} unpublished warnings, locked against other instances' relays until the commit. */
    List<QuotaWarningRaised> lockUnpublished(int limit) {
        return jdbc.sql("""
                        SELECT user_id, month, metric, threshold, event_id, tier, used, quota_limit, raised_at
                        FROM quota_warnings WHERE published_at IS NULL
                        ORDER BY raised_at LIMIT :limit
                        FOR UPDATE SKIP LOCKED
                        """)
                .param("limit", limit)
                .query((rs, row) -> QuotaWarningRaised.newBuilder()
                        .setEventId(rs.getObject("event_id", UUID.class).toString())
                        .setOccurredAt(
                                rs.getObject("raised_at", OffsetDateTime.class).toInstant())
                        .setUserId(rs.getString("user_id"))
                        .setTier(Tier.valueOf(rs.getString("tier")))
                        .setMetric(rs.getString("metric"))
                        .setThreshold(rs.getBigDecimal("threshold").setScale(THRESHOLD_SCALE, RoundingMode.UNNECESSARY))
                        .setUsed(rs.getBigDecimal("used").setScale(AMOUNT_SCALE, RoundingMode.HALF_UP))
                        .setLimit(rs.getBigDecimal("quota_limit").setScale(AMOUNT_SCALE, RoundingMode.HALF_UP))
                        .setMonth(rs.getString("month"))
                        .build())
                .list();
    }

    void markPublished(List<String> eventIds, Instant at) {
        if (eventIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE quota_warnings SET published_at = :at WHERE event_id = ANY(:ids)")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("ids", eventIds.stream().map(UUID::fromString).toArray(UUID[]::new))
                .update();
    }
}
