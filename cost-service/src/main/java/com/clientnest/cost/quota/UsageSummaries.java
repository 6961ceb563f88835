package com.clientnest.cost.quota;

import com.clientnest.cost.account.Accounts;
import com.clientnest.cost.account.UnknownAccount;
import com.clientnest.cost.ledger.DeferralSavings;
import com.clientnest.cost.ledger.LedgerMonth;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.schemas.events.Tier;
import java.time.YearMonth;
import org.springframework.stereotype.Service;

/** Reads a user's month from the ledger and sets it against the limits of the tier this service has on record. */
@Service
class UsageSummaries {

    private final UsageLedger ledger;
    private final TierLimitsProperties limits;
    private final Accounts accounts;
    private final RaisedWarnings warnings;
    private final DeferralSavings deferralSavings;

    UsageSummaries(
            UsageLedger ledger,
            TierLimitsProperties limits,
            Accounts accounts,
            RaisedWarnings warnings,
            DeferralSavings deferralSavings) {
        this.ledger = ledger;
        this.limits = limits;
        this.accounts = accounts;
        this.warnings = warnings;
        this.deferralSavings = deferralSavings;
    }

    /** @throws UnknownAccount when the user was never registered, so no tier is known for them */
    UsageSummary summarize(String userId, YearMonth month) {
        Tier tier = accounts.tierOf(userId).orElseThrow(() -> new UnknownAccount(userId));
        LedgerMonth usage = ledger.findMonth(userId, month).orElse(LedgerMonth.NONE);
        DeferralSavings.MonthSaving saved = deferralSavings.of(userId, month);
        return UsageSummary.of(userId, tier, month, limits.of(tier), usage, warnings.of(userId, month))
                .withSavings(new UsageSummary.Savings(saved.deferredCalls(), saved.savedUsd()));
    }
}
