package com.clientnest.cost.warning;

import com.clientnest.cost.account.Accounts;
import com.clientnest.cost.ledger.MonthlyUsage;
import com.clientnest.cost.ledger.UsageLedger;
import com.clientnest.cost.quota.TierLimitsProperties;
import com.clientnest.schemas.events.Tier;
import java.time.YearMonth;
import java.util.Map;
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
    private final WarningMetrics metrics;

    QuotaWarnings(
            UsageLedger ledger,
            Accounts accounts,
            TierLimitsProperties tiers,
            WarningRows rows,
            WarningRelay relay,
            WarningMetrics metrics) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.tiers = tiers;
        this.rows = rows;
        this.relay = relay;
        this.metrics = metrics;
    }

    /**
     * Checks the months of a batch's users after the batch changed their ledger rows, with one read of the rows and
     * one of the accounts for the whole batch. Must run in the transaction of the change, which holds the ledger
     * rows' locks, so the usage read here is the usage that will commit.
     *
     * @param usageTiers for each user, the tier their usage carried, used when they have no account here
     */
    public void checkAll(YearMonth month, Map<String, Tier> usageTiers) {
        Map<String, MonthlyUsage> used = ledger.findUsed(usageTiers.keySet(), month);
        Map<String, Tier> accountTiers = accounts.tiersOf(usageTiers.keySet());
        int raised = 0;
        for (Map.Entry<String, MonthlyUsage> user : used.entrySet()) {
            Tier tier = accountTiers.getOrDefault(user.getKey(), usageTiers.get(user.getKey()));
            for (Warning warning : WarningThresholds.reached(tiers.of(tier), user.getValue())) {
                if (rows.insertIfNew(user.getKey(), month, tier, warning)) {
                    raised++;
                    metrics.raisedAfterCommit(warning);
                }
            }
        }
        wakeRelayAfterCommit(raised);
    }

    private void wakeRelayAfterCommit(int raised) {
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
