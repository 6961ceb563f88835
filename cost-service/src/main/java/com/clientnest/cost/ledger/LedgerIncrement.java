package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * What one recorded usage event adds to a user's monthly ledger: its tokens and cost, and one request of its type
 * unless an earlier usage event of the same request has counted it already.
 *
 * @param requestId the request the call was made for; several calls of one request count it once
 * @param userId whose ledger
 * @param month the UTC calendar month of the call
 * @param tier the user's tier when the call was made
 * @param type the request type counted
 * @param requests how many requests of the type the request counts for (its variants), when it is counted
 * @param tokens tokens counted against the monthly token quota
 * @param costUsd cost counted against the monthly cost limit
 */
public record LedgerIncrement(
        String requestId,
        String userId,
        YearMonth month,
        Tier tier,
        RequestType type,
        int requests,
        long tokens,
        BigDecimal costUsd) {}
