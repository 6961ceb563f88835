package com.clientnest.cost.reservation;

import com.clientnest.cost.account.Accounts;
import com.clientnest.cost.account.UnknownAccount;
import com.clientnest.cost.ledger.Hold;
import com.clientnest.cost.ledger.LedgerMonth;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.cost.pricing.PriceCalculator;
import com.clientnest.cost.quota.QuotaMetric;
import com.clientnest.cost.quota.TierLimits;
import com.clientnest.cost.quota.TierLimitsProperties;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Admits a request against its user's monthly quota by reserving its requests of their type (one, or one per
 * variant of content suggestions), its estimated tokens and
 * its cost ceiling. The decision is {@link UsageLedger#reserve}'s single conditional UPDATE; this class only prices
 * the hold, stores the reservation in the same transaction and, on a refusal, explains which limit stopped it.
 */
@Service
class Admission {

    /** A refusal whose cause a concurrent release removed before it could be read is decided again. */
    private static final int ATTEMPTS = 3;

    private final Accounts accounts;
    private final TierLimitsProperties tiers;
    private final UsageLedger ledger;
    private final Reservations reservations;
    private final PriceCalculator prices;
    private final TransactionOperations transactions;
    private final Clock clock;

    Admission(
            Accounts accounts,
            TierLimitsProperties tiers,
            UsageLedger ledger,
            Reservations reservations,
            PriceCalculator prices,
            TransactionOperations transactions,
            Clock clock) {
        this.accounts = accounts;
        this.tiers = tiers;
        this.ledger = ledger;
        this.reservations = reservations;
        this.prices = prices;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The request's reservation: a new one, or the one it already has when the caller asks again (a retry after a
     * timeout must not reserve twice). A replay reopens the request's reservation when it no longer holds quota.
     *
     * @throws UnknownAccount when the user has never been registered here
     * @throws QuotaRefused when the request would pass one of the tier's limits
     */
    Reservation reserve(AdmissionRequest request) {
        Tier tier = accounts.tierOf(request.userId()).orElseThrow(() -> new UnknownAccount(request.userId()));
        TierLimits limits = tiers.of(tier);
        YearMonth month = YearMonth.now(clock);
        Reservation candidate = candidate(request, month);
        Hold hold = candidate.hold();
        for (int attempt = 1; ; attempt++) {
            Optional<Reservation> admitted = transactions.execute(status -> {
                if (request.isReplay()) {
                    return replay(request, candidate, tier, limits, status);
                }
                // A new request has no reservation yet, so the hold is tried first; a request asked for again (a
                // retry after a timeout) meets its reservation either at the insert or, at its limit, here.
                if (!ledger.reserve(hold, tier, limits.admissionLimits(request.type()))) {
                    return reservations.findByRequest(request.requestId());
                }
                if (!reservations.insert(candidate)) {
                    // The same request was admitted before or concurrently: undo this hold and answer with that one.
                    status.setRollbackOnly();
                    return reservations.findByRequest(request.requestId());
                }
                return Optional.of(candidate);
            });
            if (admitted != null && admitted.isPresent()) {
                return admitted.get();
            }
            Optional<QuotaRefused> refusal = refusal(hold, limits);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("Admission of request " + request.requestId()
                        + " was refused but no limit explains it after " + ATTEMPTS + " attempts");
            }
        }
    }

    /** A new reservation for the request in this month: its requests, estimated tokens and their cost ceiling. */
    Reservation candidate(AdmissionRequest request, YearMonth month) {
        Hold hold = new Hold(
                request.userId(),
                month,
                request.type(),
                request.requestCount(),
                request.promptTokens() + request.completionTokens(),
                prices.ceiling(request.promptTokens(), request.completionTokens()));
        return new Reservation(UUID.randomUUID(), request.requestId(), hold);
    }

    /** A replayed request runs again, so it holds quota again, refused like any new request. */
    private Optional<Reservation> replay(
            AdmissionRequest request, Reservation candidate, Tier tier, TierLimits limits, TransactionStatus status) {
        Hold hold = candidate.hold();
        Optional<Reservation> existing = reservations.findByRequest(request.requestId());
        if (existing.isPresent() && reservations.holds(request.requestId())) {
            return existing;
        }
        if (!ledger.reserve(hold, tier, limits.admissionLimits(request.type()))) {
            return Optional.empty();
        }
        if (existing.isEmpty()) {
            if (!reservations.insert(candidate)) {
                status.setRollbackOnly();
                return reservations.findByRequest(request.requestId());
            }
            return Optional.of(candidate);
        }
        Optional<Reservation> reopened = reservations.reopen(request.requestId(), hold);
        if (reopened.isEmpty()) {
            // Reopened concurrently: undo this hold and answer with that one.
            status.setRollbackOnly();
            return reservations.findByRequest(request.requestId());
        }
        return reopened;
    }

    /** Which limit the hold would pass, as the ledger stands now; empty if it fits after all. */
    private Optional<QuotaRefused> refusal(Hold hold, TierLimits limits) {
        LedgerMonth month = ledger.findMonth(hold.userId(), hold.month()).orElse(LedgerMonth.NONE);
        YearMonth resetsIn = hold.month().plusMonths(1);
        long requestLimit = limits.requests(hold.type());
        long usedRequests = month.used().requests(hold.type());
        long reservedRequests = month.reserved().requests(hold.type());
        if (requestLimit != TierLimits.UNLIMITED && usedRequests + reservedRequests + hold.requests() > requestLimit) {
            return Optional.of(new QuotaRefused(
                    QuotaMetric.requestsOf(hold.type()),
                    BigDecimal.valueOf(requestLimit),
                    BigDecimal.valueOf(usedRequests),
                    BigDecimal.valueOf(reservedRequests),
                    BigDecimal.valueOf(hold.requests()),
                    resetsIn));
        }
        long usedTokens = month.used().totalTokens();
        long reservedTokens = month.reserved().totalTokens();
        if (limits.tokens() != TierLimits.UNLIMITED && usedTokens + reservedTokens + hold.tokens() > limits.tokens()) {
            return Optional.of(new QuotaRefused(
                    QuotaMetric.TOKENS,
                    BigDecimal.valueOf(limits.tokens()),
                    BigDecimal.valueOf(usedTokens),
                    BigDecimal.valueOf(reservedTokens),
                    BigDecimal.valueOf(hold.tokens()),
                    resetsIn));
        }
        BigDecimal cap = limits.costCap();
        BigDecimal usedCost = month.used().costUsd();
        BigDecimal reservedCost = month.reserved().costUsd();
        if (cap != null && usedCost.add(reservedCost).add(hold.costUsd()).compareTo(cap) > 0) {
            return Optional.of(
                    new QuotaRefused(QuotaMetric.COST_USD, cap, usedCost, reservedCost, hold.costUsd(), resetsIn));
        }
        return Optional.empty();
    }
}
