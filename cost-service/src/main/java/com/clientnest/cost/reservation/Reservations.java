package com.clientnest.cost.reservation;

import com.clientnest.cost.ledger.Hold;
import com.clientnest.schemas.events.RequestType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reservations} table. Every way out of RESERVED is one conditional UPDATE returning the hold, so of
 * two competing finishers (a settlement and a release, two instances, a redelivery) exactly one gets it back.
 */
@Repository
class Reservations {

    private static final String HOLD_COLUMNS =
            "id, request_id, user_id, month, request_type, requests, tokens, cost_usd";

    private final JdbcClient jdbc;

    Reservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the reservation unless its request has one already; true when it was new. */
    boolean insert(Reservation reservation) {
        Hold hold = reservation.hold();
        return jdbc.sql("""
                                INSERT INTO reservations (id, request_id, user_id, month, request_type, requests,
                                                          tokens, cost_usd, status, created_at)
                                VALUES (:id, :requestId, :userId, :month, :type, :requests, :tokens, :costUsd,
                                        'RESERVED', now())
                                ON CONFLICT (request_id) DO NOTHING
                                """)
                        .param("id", reservation.id())
                        .param("requestId", reservation.requestId())
                        .param("userId", hold.userId())
                        .param("month", hold.month().toString())
                        .param("type", hold.type().name())
                        .param("requests", hold.requests())
                        .param("tokens", hold.tokens())
                        .param("costUsd", hold.costUsd())
                        .update()
                == 1;
    }

    /**
     * Stores a batch's reservations in one statement, each unless its request has one already.
     *
     * @return how many were new: fewer than given when a request of the batch already has a reservation
     */
    int insertAll(List<Reservation> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        // One statement of arrays rather than a row each: its text, and so its plan, is the same for any batch.
        return jdbc.sql("""
                        INSERT INTO reservations (id, request_id, user_id, month, request_type, requests,
                                                  tokens, cost_usd, status, created_at)
                        SELECT id, request_id, user_id, month, request_type, requests, tokens, cost_usd,
                               'RESERVED', now()
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:requestIds AS text[]), CAST(:userIds AS text[]),
                                    CAST(:months AS text[]), CAST(:types AS text[]), CAST(:requests AS int[]),
                                    CAST(:tokens AS bigint[]), CAST(:costs AS numeric[]))
                             AS r (id, request_id, user_id, month, request_type, requests, tokens, cost_usd)
                        ON CONFLICT (request_id) DO NOTHING
                        """)
                .param("ids", column(batch, reservation -> reservation.id().toString()))
                .param("requestIds", column(batch, Reservation::requestId))
                .param(
                        "userIds",
                        column(batch, reservation -> reservation.hold().userId()))
                .param(
                        "months",
                        column(batch, reservation -> reservation.hold().month().toString()))
                .param(
                        "types",
                        column(batch, reservation -> reservation.hold().type().name()))
                .param(
                        "requests",
                        batch.stream()
                                .mapToInt(reservation -> reservation.hold().requests())
                                .toArray())
                .param(
                        "tokens",
                        batch.stream()
                                .mapToLong(reservation -> reservation.hold().tokens())
                                .toArray())
                // Money travels as its exact decimal text, never through a double.
                .param(
                        "costs",
                        column(
                                batch,
                                reservation -> reservation.hold().costUsd().toPlainString()))
                .update();
    }

    private static String[] column(List<Reservation> batch, Function<Reservation, String> value) {
        return batch.stream().map(value).toArray(String[]::new);
    }

    Optional<Reservation> findByRequest(String requestId) {
        return jdbc.sql("SELECT " + HOLD_COLUMNS + " FROM reservations WHERE request_id = :requestId")
                .param("requestId", requestId)
                .query(Reservations::map)
                .optional();
    }

    /** Whether the request's reservation is RESERVED, i.e. still holds quota. */
    boolean holds(String requestId) {
        return jdbc.sql("SELECT count(*) FROM reservations WHERE request_id = :requestId AND status = 'RESERVED'")
                        .param("requestId", requestId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Puts a finished reservation back to RESERVED with a new hold, keeping its id, which travels in the replayed
     * request's event; empty when it is RESERVED already (reopened concurrently).
     */
    Optional<Reservation> reopen(String requestId, Hold hold) {
        return jdbc.sql("""
                        UPDATE reservations
                        SET status = 'RESERVED', finished_at = NULL, created_at = now(), month = :month,
                            request_type = :type, requests = :requests, tokens = :tokens, cost_usd = :costUsd
                        WHERE request_id = :requestId AND status <> 'RESERVED'
                        RETURNING %s
                        """.formatted(HOLD_COLUMNS))
                .param("month", hold.month().toString())
                .param("type", hold.type().name())
                .param("requests", hold.requests())
                .param("tokens", hold.tokens())
                .param("costUsd", hold.costUsd())
                .param("requestId", requestId)
                .query(Reservations::map)
                .optional();
    }

    /** Moves the reservation out of RESERVED; its hold when this call did it, nothing when it was final already. */
    Optional<Reservation> finish(UUID id, ReservationStatus status) {
        return jdbc.sql("""
                        UPDATE reservations SET status = :status, finished_at = now()
                        WHERE id = :id AND status = 'RESERVED'
                        RETURNING %s
                        """.formatted(HOLD_COLUMNS))
                .param("status", status.name())
                .param("id", id)
                .query(Reservations::map)
                .optional();
    }

    /** As {@link #finish}, finding the reservation by its request. */
    Optional<Reservation> finishByRequest(String requestId, ReservationStatus status) {
        return jdbc.sql("""
                        UPDATE reservations SET status = :status, finished_at = now()
                        WHERE request_id = :requestId AND status = 'RESERVED'
                        RETURNING %s
                        """.formatted(HOLD_COLUMNS))
                .param("status", status.name())
                .param("requestId", requestId)
                .query(Reservations::map)
                .optional();
    }

    /** As {@link #finish}, for many reservations at once, locked in id order. */
    List<Reservation> finishAll(List<UUID> ids, ReservationStatus status) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE reservations SET status = :status, finished_at = now()
                        WHERE id IN (SELECT id FROM reservations WHERE id = ANY(:ids) AND status = 'RESERVED'
                                     ORDER BY id FOR UPDATE)
                          AND status = 'RESERVED'
                        RETURNING %s
                        """.formatted(HOLD_COLUMNS))
                .param("status", status.name())
                .param("ids", ids.toArray(UUID[]::new))
                .query(Reservations::map)
                .list();
    }

    /** As {@link #finishByRequest}, for many requests at once. */
    List<Reservation> finishAllByRequest(List<String> requestIds, ReservationStatus status) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE reservations SET status = :status, finished_at = now()
                        WHERE id IN (SELECT id FROM reservations
                                     WHERE request_id = ANY(:requestIds) AND status = 'RESERVED'
                                     ORDER BY id FOR UPDATE)
                          AND status = 'RESERVED'
                        RETURNING %s
                        """.formatted(HOLD_COLUMNS))
                .param("status", status.name())
                .param("requestIds", requestIds.toArray(String[]::new))
                .query(Reservations::map)
                .list();
    }

    /**
     * Expires up to {@code limit} reservations made before {@code cutoff}. Rows another instance is expiring are
     * skipped rather than waited for.
     */
    List<Reservation> expire(Instant cutoff, int limit) {
        return jdbc.sql("""
                        UPDATE reservations SET status = 'EXPIRED', finished_at = now()
                        WHERE id IN (SELECT id FROM reservations
                                     WHERE status = 'RESERVED' AND created_at < :cutoff
                                     ORDER BY created_at LIMIT :limit
                                     FOR UPDATE SKIP LOCKED)
                          AND status = 'RESERVED'
                        RETURNING %s
                        """.formatted(HOLD_COLUMNS))
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .param("limit", limit)
                .query(Reservations::map)
                .list();
    }

    private static Reservation map(ResultSet rs, int row) throws SQLException {
        return new Reservation(
                rs.getObject("id", UUID.class),
                rs.getString("request_id"),
                new Hold(
                        rs.getString("user_id"),
                        YearMonth.parse(rs.getString("month")),
                        RequestType.valueOf(rs.getString("request_type")),
                        rs.getInt("requests"),
                        rs.getLong("tokens"),
                        rs.getBigDecimal("cost_usd")));
    }
}
