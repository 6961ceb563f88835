package com.clientnest.cost.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clientnest.cost.ShippedConfiguration;
import com.clientnest.schemas.events.Tier;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierLimitsPropertiesTest {

    @Test
    void shipsTheQuotaTableOfTheDesign() {
        // When
        TierLimitsProperties shipped = ShippedConfiguration.binder()
                .bind("clientnest.cost", TierLimitsProperties.class)
                .get();

        // Then
        assertThat(shipped.tiers())
                .isEqualTo(Map.of(
                        Tier.FREE, new TierLimits(10, 50, 5, 10_000, new BigDecimal("0")),
                        Tier.STARTER, new TierLimits(100, 500, 50, 100_000, new BigDecimal("10")),
                        Tier.PROFESSIONAL, new TierLimits(500, 2000, 200, 500_000, new BigDecimal("50")),
                        Tier.BUSINESS, new TierLimits(2000, 10_000, 1000, 2_000_000, new BigDecimal("200")),
                        Tier.ENTERPRISE, new TierLimits(-1, -1, -1, -1, new BigDecimal("1000"))));
    }

    @Test
    void refusesAConfigurationThatLeavesATierWithoutLimits() {
        Map<Tier, TierLimits> onlyFree = Map.of(Tier.FREE, new TierLimits(10, 50, 5, 10_000, BigDecimal.ZERO));

        assertThatThrownBy(() -> new TierLimitsProperties(onlyFree))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clientnest.cost.tiers has no limits for [STARTER, PROFESSIONAL, BUSINESS, ENTERPRISE]");
    }

    @Test
    void refusesANegativeCostCapOtherThanMinusOne() {
        assertThatThrownBy(() -> new TierLimits(10, 50, 5, 10_000, new BigDecimal("-5")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
