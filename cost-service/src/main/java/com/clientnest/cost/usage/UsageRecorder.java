package com.clientnest.cost.usage;

import com.clientnest.cost.ledger.LedgerIncrement;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.cost.pricing.PriceCalculator;
import com.clientnest.cost.reservation.ReservationReleases;
import com.clientnest.cost.warning.QuotaWarnings;
import com.clientnest.schemas.events.UsageRecorded;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prices a usage event, stores it and adds it to the month's ledger, exactly once per event id; the request it
 * belongs to is counted once however many calls (usage events) it took.
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

    UsageRecorder(
            PriceCalculator prices,
            UsageRecords records,
            UsageLedger ledger,
            ReservationReleases reservations,
            QuotaWarnings warnings,
            TransactionTemplate transaction) {
        this.prices = prices;
        this.records = records;
        this.ledger = ledger;
        this.reservations = reservations;
        this.warnings = warnings;
        this.transaction = transaction;
    }

    /** @throws InvalidUsageEvent when a field makes the event unrecordable */
    void record(UsageRecorded event) {
        RecordedUsage usage = RecordedUsage.of(event);
        BigDecimal cost = costOf(usage);
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
            // The record, the ledger change, the settlement of the reservation and any warning it raises commit
            // together, so a redelivery after a crash between them can neither lose them nor repeat them.
            if (!records.insertIfNew(usage, cost)) {
                return false;
            }
            ledger.add(new LedgerIncrement(
                    usage.requestId(),
                    usage.userId(),
                    usage.month(),
                    usage.tier(),
                    usage.type(),
                    usage.quotaTokens(),
                    cost));
            reservations.settle(usage.reservationId(), usage.requestId());
            warnings.check(usage.userId(), usage.month(), usage.tier());
            return true;
        }));
        if (!recorded) {
            log.debug("Usage event {} was already recorded", usage.eventId());
        }
    }

    private BigDecimal costOf(RecordedUsage usage) {
        if (usage.cacheHit()) {
            return BigDecimal.ZERO.setScale(PriceCalculator.COST_SCALE);
        }
        return prices.cost(usage.model(), usage.occurredAt(), usage.tokenCounts());
    }
}
