package com.clientnest.cost.pricing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/**
 * One price set of a model, in USD per million tokens.
 *
 * @param inputCacheHit prompt tokens DeepSeek served from its context cache
 * @param inputCacheMiss prompt tokens DeepSeek had to process
 * @param output completion tokens
 */
public record TokenPrices(
        @NotNull @PositiveOrZero BigDecimal inputCacheHit,
        @NotNull @PositiveOrZero BigDecimal inputCacheMiss,
        @NotNull @PositiveOrZero BigDecimal output) {}
