package com.clientnest.gateway.deferral;

import com.clientnest.gateway.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Releases SCHEDULED requests whose time has come: each goes on the low lane with the event it held (through the
 * outbox, in the transaction that makes it QUEUED), in batches that several gateway instances share without waiting
 * for each other ({@code SKIP LOCKED}). The clock is the gateway's, so tests cross the window by moving it.
 */
@Component
public class ScheduledRequests {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRequests.class);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final int batch;

    ScheduledRequests(
            JdbcClient jdbc,
            Outbox outbox,
            TransactionOperations transactions,
            Clock clock,
            DeferralProperties properties) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.batch = properties.releaseBatch();
    }

    @Scheduled(fixedDelayString = "${clientnest.gateway.deferral.release-interval:5s}")
    void releaseOnTimer() {
        releaseDue();
    }

    /** Releases every request due by now; returns how many. */
    public int releaseDue() {
        int released = 0;
        int round;
        do {
            Integer done = transactions.execute(status -> releaseBatch(clock.instant()));
            round = done == null ? 0 : done;
            released += round;
        } while (round == batch);
        if (released > 0) {
            log.info("Released {} deferred requests to the low lane", released);
        }
        return released;
    }

    private int releaseBatch(Instant now) {
        List<Due> due = jdbc.sql("""
                        SELECT id, held_topic, held_event FROM ai_requests
                        WHERE status = 'SCHEDULED' AND not_before <= :now
                        ORDER BY not_before, id
                        LIMIT :batch
                        FOR UPDATE SKIP LOCKED
                        """)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("batch", batch)
                .query((rs, row) ->
                        new Due(rs.getObject("id", UUID.class), rs.getString("held_topic"), rs.getBytes("held_event")))
                .list();
        for (Due request : due) {
            jdbc.sql("""
                            UPDATE ai_requests SET status = 'QUEUED', held_topic = NULL, held_event = NULL,
                                updated_at = :now
                            WHERE id = :id
                            """)
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .param("id", request.id())
                    .update();
            outbox.appendRaw(request.topic(), request.id().toString(), request.event(), Map.of());
        }
        return due.size();
    }

    private record Due(UUID id, String topic, byte[] event) {}
}
