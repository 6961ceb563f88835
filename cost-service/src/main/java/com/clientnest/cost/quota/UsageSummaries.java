package com.clientnest.cost.quota;

import com.clientnest.cost.ledger.MonthlyUsage;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.schemas.events.Tier;
import java.time.YearMonth;
import org.springframework.stereotype.Service;

/** Reads a user's month from the ledger and sets it against the tier's limits. */
@Service
class UsageSummaries {

    private final UsageLedger ledger;
    private final TierLimitsProperties limits;

    UsageSummaries(UsageLedger ledger, TierLimitsProperties limits) {
        this.ledger = ledger;
        this.limits = limits;
    }

    UsageSummary summarize(String userId, Tier tier, YearMonth month) {
        MonthlyUsage usage = ledger.find(userId, month).orElse(MonthlyUsage.NONE);
        return UsageSummary.of(userId, tier, month, limits.of(tier), usage);
    }
}
