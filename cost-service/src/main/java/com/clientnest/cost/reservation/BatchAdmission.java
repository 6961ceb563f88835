package com.clientnest.cost.reservation;

import com.clientnest.cost.account.Accounts;
import com.clientnest.cost.account.UnknownAccount;
import com.clientnest.cost.ledger.Hold;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.cost.quota.TierLimitsProperties;
import com.clientnest.schemas.events.Tier;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Admits the requests a gateway had in hand at once, in one transaction: one commit instead of one per request.
 * Each request is still its own conditional UPDATE of its user's ledger row ({@link UsageLedger#reserve}), so a
 * batch passes no limit that admitting its requests one by one would not. The rows are taken in user order, so two
 * batches never wait on each other in a circle. A usage batch settles and then adds in two passes of its own, each
 * in user order; a circle with one is still possible, so a batch waits for a row at most {@link #LOCK_WAIT} instead
 * of PostgreSQL's one-second deadlock check, and is then decided one by one.
 *
 * <p>Only the common case is decided here: a new request that fits. Everything else is decided again on its own by
 * {@link Admission}, whose answer is authoritative: a refusal (to explain which limit, or to find the reservation
 * of a request asked for again), a replay, and the whole batch when one of its requests already has a reservation
 * or the database gave up on the transaction (the holds of the batch were rolled back with it).
 */
@Service
class BatchAdmission {

    private static final Logger log = LoggerFactory.getLogger(BatchAdmission.class);
    /** Longer than a batch's own transaction takes under load, far shorter than the gateway waits for an answer. */
    static final String LOCK_WAIT = "250ms";

    private final Accounts accounts;
    private final TierLimitsProperties tiers;
    private final UsageLedger ledger;
    private final Reservations reservations;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final Admission admission;

    BatchAdmission(
            Accounts accounts,
            TierLimitsProperties tiers,
            UsageLedger ledger,
            Reservations reservations,
            TransactionOperations transactions,
            Clock clock,
            Admission admission) {
        this.accounts = accounts;
        this.tiers = tiers;
        this.ledger = ledger;
        this.reservations = reservations;
        this.transactions = transactions;
        this.clock = clock;
        this.admission = admission;
    }

    /** The outcome of each request, in the order given. */
    List<Outcome> reserveAll(List<AdmissionRequest> requests) {
        Map<String, Tier> known = accounts.tiersOf(
                requests.stream().map(AdmissionRequest::userId).distinct().toList());
        YearMonth month = YearMonth.now(clock);
        Outcome[] outcomes = new Outcome[requests.size()];
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            AdmissionRequest request = requests.get(i);
            Tier tier = known.get(request.userId());
            if (tier == null) {
                outcomes[i] = new Outcome.Unknown(new UnknownAccount(request.userId()));
            } else if (request.isReplay()) {
                outcomes[i] = alone(request);
            } else {
                candidates.add(new Candidate(i, request, tier, admission.candidate(request, month)));
            }
        }
        candidates.sort(Comparator.comparing(
                (Candidate candidate) -> candidate.request().userId()));
        for (Candidate undecided : decideTogether(candidates, outcomes)) {
            outcomes[undecided.index()] = alone(undecided.request());
        }
        return Arrays.asList(outcomes);
    }

    /** Admits what fits in one transaction; returns the candidates left to decide one by one. */
    private List<Candidate> decideTogether(List<Candidate> candidates, Outcome[] outcomes) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Candidate> refused = new ArrayList<>();
        try {
            transactions.executeWithoutResult(status -> {
                ledger.limitLockWait(LOCK_WAIT);
                List<Reservation> held = new ArrayList<>();
                for (Candidate candidate : candidates) {
                    Hold hold = candidate.reservation().hold();
                    if (ledger.reserve(
                            hold, candidate.tier(), tiers.of(candidate.tier()).admissionLimits(hold.type()))) {
                        held.add(candidate.reservation());
                    } else {
                        refused.add(candidate);
                    }
                }
                if (reservations.insertAll(held) != held.size()) {
                    throw new AlreadyReserved(held.size());
                }
            });
        } catch (AlreadyReserved | DataAccessException | TransactionException e) {
            log.debug("A batch of {} admissions is decided one by one: {}", candidates.size(), e.getMessage());
            return candidates;
        }
        for (Candidate candidate : candidates) {
            if (!refused.contains(candidate)) {
                outcomes[candidate.index()] = new Outcome.Admitted(candidate.reservation());
            }
        }
        return refused;
    }

    private Outcome alone(AdmissionRequest request) {
        try {
            return new Outcome.Admitted(admission.reserve(request));
        } catch (UnknownAccount e) {
            return new Outcome.Unknown(e);
        } catch (QuotaRefused e) {
            return new Outcome.Refused(e);
        } catch (RuntimeException e) {
            log.warn("Admission of request {} failed: {}", request.requestId(), e.toString());
            return new Outcome.Failed(e);
        }
    }

    private record Candidate(int index, AdmissionRequest request, Tier tier, Reservation reservation) {}

    /** How one request of a batch was decided. */
    sealed interface Outcome {

        record Admitted(Reservation reservation) implements Outcome {}

        record Refused(QuotaRefused refusal) implements Outcome {}

        record Unknown(UnknownAccount cause) implements Outcome {}

        record Failed(RuntimeException cause) implements Outcome {}
    }

    /** A request of the batch already has a reservation: the batch's holds are rolled back and decided one by one. */
    private static final class AlreadyReserved extends RuntimeException {

        AlreadyReserved(int held) {
            super("a request among " + held + " already has a reservation", null, false, false);
        }
    }
}
