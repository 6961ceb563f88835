package com.clientnest.cost.ledger;

/**
 * A user's ledger row for one month: what settled usage has used and what admitted requests hold in reservation.
 *
 * @param used settled usage
 * @param reserved held by reservations not yet settled or released
 */
public record LedgerMonth(MonthlyUsage used, MonthlyUsage reserved) {

    public static final LedgerMonth NONE = new LedgerMonth(MonthlyUsage.NONE, MonthlyUsage.NONE);
}
