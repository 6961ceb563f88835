package com.clientnest.cost.pricing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The prices of one model during peak hours and inside the off-peak window.
 *
 * @param peak prices outside the off-peak window
 * @param offPeak prices inside the off-peak window
 */
public record ModelPrices(
        @Valid @NotNull TokenPrices peak, @Valid @NotNull TokenPrices offPeak) {

    TokenPrices at(boolean offPeakWindow) {
        return offPeakWindow ? offPeak : peak;
    }
}
