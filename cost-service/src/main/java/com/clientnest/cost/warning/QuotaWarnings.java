package com.clientnest.cost.warning;

import com.clientnest.cost.account.Accounts;
import com.clientnest.cost.ledger.MonthlyUsage;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.cost.quota.TierLimitsProperties;
import com.clientnest.schemas.events.Tier;
import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Raises the warnings a user's settled usage has reached, each once per month: a row written in the transaction
 * that changed the ledger, whose primary key refuses a second one whatever the redelivery or the number of
 * instances. The relay publishes the row after the commit.
 */
@Service
public class QuotaWarnings {

    private final UsageLedger ledger;
    private final Accounts accounts;
    private final TierLimitsProperties tiers;
    private final WarningRows rows;
    private final WarningRelay relay;

    QuotaWarnings(
            UsageLedger ledger, Accounts accounts, TierLimitsProperties tiers, WarningRows rows, WarningRelay relay) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.tiers = tiers;
        this.rows = rows;
        this.relay = relay;
    }

    /**
     * Checks the user's month after a ledger change. Must run in the transaction of that change, which holds the
     * ledger row's lock, so the usage read here is the usage that will commit.
     *
     * @param usageTier the tier the usage event carried, used when the user has no account here
     */
    public void check(String userId, YearMonth month, Tier usageTier) {
        MonthlyUsage used = ledger.find(userId, month).orElse(MonthlyUsage.NONE);
        Tier tier = accounts.tierOf(userId).orElse(usageTier);
        List<Warning> reached = WarningThresholds.reached(tiers.of(tier), used);
        int raised = 0;
        for (Warning warning : reached) {
            raised += rows.insertIfNew(userId, month, tier, warning) ? 1 : 0;
        }
        if (raised > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
        }
    }
}
