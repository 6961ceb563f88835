package com.clientnest.cost.usage;

import java.math.BigDecimal;

/** A usage event with its price, at the scale of the ledger's {@code numeric} columns. */
record PricedUsage(RecordedUsage usage, BigDecimal costUsd) {}
