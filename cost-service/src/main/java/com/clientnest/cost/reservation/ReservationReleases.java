package com.clientnest.cost.reservation;

import com.clientnest.cost.ledger.Hold;
import com.clientnest.cost.ledger.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Ends reservations: settled by the request's usage, released when it will use nothing, expired when held too
 * long. Each moves the reservation out of RESERVED and gives its hold back in one transaction, so every path is
 * idempotent under redelivery and between instances.
 */
@Service
public class ReservationReleases {

    private static final Logger log = LoggerFactory.getLogger(ReservationReleases.class);

    private final Reservations reservations;
    private final UsageLedger ledger;
    private final TransactionOperations transactions;
    private final Clock clock;

    ReservationReleases(
            Reservations reservations, UsageLedger ledger, TransactionOperations transactions, Clock clock) {
        this.reservations = reservations;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Settles the reservation of a request whose usage is being recorded: the estimate is given back while the
     * caller adds the real tokens and cost. Must run in the transaction that records the usage. Later usage events
     * of the same request (retried calls) find it settled and only add their usage.
     *
     * @param reservationId the reservation named by the usage event, or null for events published without one
     */
    public void settle(String reservationId, String requestId) {
        Optional<Reservation> settled = parse(reservationId)
                .map(id -> reservations.finish(id, ReservationStatus.SETTLED))
                .orElseGet(() -> reservations.finishByRequest(requestId, ReservationStatus.SETTLED));
        settled.ifPresent(reservation -> ledger.unreserve(reservation.hold()));
    }

    /**
     * Settles the reservations of a batch of usage being recorded, as {@link #settle} does one; must run in the
     * recording transaction, before it touches the ledger rows.
     */
    public void settleAll(List<Settlement> settlements) {
        List<UUID> ids = new ArrayList<>();
        List<String> requestsWithoutId = new ArrayList<>();
        for (Settlement settlement : settlements) {
            parse(settlement.reservationId())
                    .ifPresentOrElse(ids::add, () -> requestsWithoutId.add(settlement.requestId()));
        }
        List<Reservation> settled = new ArrayList<>(reservations.finishAll(ids, ReservationStatus.SETTLED));
        settled.addAll(reservations.finishAllByRequest(requestsWithoutId, ReservationStatus.SETTLED));
        settled.stream()
                .map(Reservation::hold)
                .sorted(Comparator.comparing(Hold::userId).thenComparing(Hold::month))
                .forEach(ledger::unreserve);
    }

    /** What a usage event names to settle: its reservation, or for events without one, its request. */
    public record Settlement(String reservationId, String requestId) {}

    /** Gives back the reservation of a request that failed or was dead-lettered. */
    public void releaseRequest(String requestId) {
        transactions.executeWithoutResult(status -> reservations
                .finishByRequest(requestId, ReservationStatus.RELEASED)
                .ifPresent(reservation -> ledger.unreserve(reservation.hold())));
    }

    /** Gives back a reservation whose request was cancelled or never stored. */
    void release(UUID reservationId) {
        transactions.executeWithoutResult(status -> reservations
                .finish(reservationId, ReservationStatus.RELEASED)
                .ifPresent(reservation -> ledger.unreserve(reservation.hold())));
    }

    /** Expires reservations held longer than {@code maxAge}, a batch per transaction; how many it expired. */
    int expireOlderThan(Duration maxAge, int batchSize) {
        int expired = 0;
        int batch;
        do {
            Integer done = transactions.execute(status -> {
                List<Reservation> stale = reservations.expire(clock.instant().minus(maxAge), batchSize);
                // In user order, as admissions and settlements take the ledger rows, so none of them waits in a circle.
                stale.stream()
                        .map(Reservation::hold)
                        .sorted(Comparator.comparing(Hold::userId).thenComparing(Hold::month))
                        .forEach(ledger::unreserve);
                return stale.size();
            });
            batch = done == null ? 0 : done;
            expired += batch;
        } while (batch == batchSize);
        if (expired > 0) {
            log.warn("Expired {} quota reservations held longer than {}", expired, maxAge);
        }
        return expired;
    }

    private static Optional<UUID> parse(String reservationId) {
        if (reservationId == null || reservationId.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(reservationId));
        } catch (IllegalArgumentException e) {
            log.warn("Usage names reservation '{}', which is no reservation id; settling by request", reservationId);
            return Optional.empty();
        }
    }
}
