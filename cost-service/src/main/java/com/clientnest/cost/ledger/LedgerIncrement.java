package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * What one recorded usage event adds to a user's monthly ledger: one request of its type, its tokens and cost.
 *
 * @param userId whose ledger
 * @param month the UTC calendar month of the call
 * @param tier the user's tier when the call was made
 * @param type the request type counted
 * @param tokens tokens counted against the monthly token quota
 * @param costUsd cost counted against the monthly cost limit
 */
public record LedgerIncrement(
        String userId, YearMonth month, Tier tier, RequestType type, long tokens, BigDecimal costUsd) {}
