package com.clientnest.cost.ledger;

import java.math.BigDecimal;

/**
 * The limits an admission must stay within; a negative value means no limit.
 *
 * @param requests requests of the held type per month
 * @param tokens tokens per month
 * @param costUsd cost per month in USD
 */
public record Limits(long requests, long tokens, BigDecimal costUsd) {

    public static final long NONE = -1;
}
