package com.clientnest.cost.usage;

import com.clientnest.cost.ledger.DeferralSavings;
import com.clientnest.cost.ledger.LedgerIncrement;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.cost.pricing.PriceCalculator;
import com.clientnest.cost.reservation.ReservationReleases;
import com.clientnest.cost.warning.QuotaWarnings;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prices usage events, stores them and adds them to the month's ledger, exactly once per event id; the request
 * each belongs to is counted once however many calls (usage events) it took.
 */
@Service
class UsageRecorder {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final PriceCalculator prices;
    private final UsageRecords records;
    private final UsageLedger ledger;
    private final ReservationReleases reservations;
    private final QuotaWarnings warnings;
    private final TransactionTemplate transaction;
    private final SettlementMetrics metrics;
    private final boolean cacheHitsCountAsRequests;
    private final DeferralSavings deferralSavings;

    UsageRecorder(
            PriceCalculator prices,
            UsageRecords records,
            UsageLedger ledger,
            ReservationReleases reservations,
            QuotaWarnings warnings,
            TransactionTemplate transaction,
            SettlementMetrics metrics,
            UsageProperties properties,
            DeferralSavings deferralSavings) {
        this.prices = prices;
        this.records = records;
        this.ledger = ledger;
        this.reservations = reservations;
        this.warnings = warnings;
        this.transaction = transaction;
        this.metrics = metrics;
        this.cacheHitsCountAsRequests = properties.cacheHitsCountAsRequests();
        this.deferralSavings = deferralSavings;
    }

    /**
     * Records a batch in one transaction, each event exactly once by its id: the records, their requests counted
     * once, the settlement of their reservations, the ledger increments summed per user and month, and any
     * warning they raise. Reservations are settled before any ledger row is touched, the order a release takes
     * too, so the two cannot deadlock.
     */
    void recordAll(List<RecordedUsage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<PricedUsage> priced = batch.stream()
                .map(usage -> new PricedUsage(usage, costOf(usage)))
                .toList();
        transaction.executeWithoutResult(status -> {
            List<PricedUsage> fresh = records.insertNew(priced);
            if (fresh.isEmpty()) {
                return;
            }
            reservations.settleAll(fresh.stream()
                    .map(p -> new ReservationReleases.Settlement(
                            p.usage().reservationId(), p.usage().requestId()))
                    .toList());
            ledger.addAll(fresh.stream()
                    .map(p -> new LedgerIncrement(
                            p.usage().requestId(),
                            p.usage().userId(),
                            p.usage().month(),
                            p.usage().tier(),
                            p.usage().type(),
                            p.usage().requestCount(),
                            p.usage().quotaTokens(),
                            p.costUsd(),
                            cacheHitsCountAsRequests || !p.usage().cacheHit()))
                    .toList());
            Map<YearMonth, Map<String, Tier>> tiersByMonth = new TreeMap<>();
            fresh.forEach(p -> tiersByMonth
                    .computeIfAbsent(p.usage().month(), month -> new HashMap<>())
                    .put(p.usage().userId(), p.usage().tier()));
            deferralSavings.addAll(fresh.stream()
                    .filter(p -> p.usage().deferred() && !p.usage().cacheHit())
                    .map(p -> new DeferralSavings.Saving(
                            p.usage().eventId(),
                            p.usage().userId(),
                            p.usage().month(),
                            p.costUsd(),
                            prices.peakCost(p.usage().model(), p.usage().tokenCounts())))
                    .toList());
            tiersByMonth.forEach(warnings::checkAll);
            metrics.settledAfterCommit(fresh);
        });
        if (log.isDebugEnabled()) {
            log.debug("Recorded a batch of {} usage events", batch.size());
        }
    }

    private BigDecimal costOf(RecordedUsage usage) {
        if (usage.cacheHit()) {
            return BigDecimal.ZERO.setScale(PriceCalculator.COST_SCALE);
        }
        return prices.cost(usage.model(), usage.occurredAt(), usage.tokenCounts());
    }
}
