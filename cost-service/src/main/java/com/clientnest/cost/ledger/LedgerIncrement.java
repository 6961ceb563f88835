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
 * @param countsRequest whether the request counts against its type's monthly request quota at all (a response-cache
 *     hit may not: {@code clientnest.cost.usage.cache-hits-count-as-requests})
 */
public record LedgerIncrement(
        String requestId,
        String userId,
        YearMonth month,
        Tier tier,
        RequestType type,
        int requests,
        long tokens,
        BigDecimal costUsd,
        boolean countsRequest) {

    /** An increment whose request counts, once. */
    public LedgerIncrement(
            String requestId,
            String userId,
            YearMonth month,
            Tier tier,
            RequestType type,
            long tokens,
            BigDecimal costUsd) {
        this(requestId, userId, month, tier, type, 1, tokens, costUsd, true);
    }
}
