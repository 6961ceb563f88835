package com.clientnest.cost.ledger;

import com.clientnest.schemas.events.RequestType;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * What one reservation holds of a user's month: its requests of their type (one, or one per variant of a
 * content-suggestions request), its estimated tokens and its cost ceiling.
 */
public record Hold(String userId, YearMonth month, RequestType type, int requests, long tokens, BigDecimal costUsd) {}
