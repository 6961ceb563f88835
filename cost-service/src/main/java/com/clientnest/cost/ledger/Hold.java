package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * What one reservation holds of a user's month: one request of its type, its estimated tokens and its cost
 * ceiling.
 */
public record Hold(String userId, YearMonth month, RequestType type, long tokens, BigDecimal costUsd) {}
