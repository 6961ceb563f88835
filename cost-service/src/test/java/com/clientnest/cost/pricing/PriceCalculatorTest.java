package com.clientnest.cost.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clientnest.cost.ShippedConfiguration;
import com.clientnest.schemas.pricing.OffPeakWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceCalculatorTest {

    private static final TokenCounts ONE_MILLION_OF_EACH = new TokenCounts(2_000_000, 1_000_000, 1_000_000, 1_000_000);

    private final PriceCalculator calculator = new PriceCalculator(examplePrices());

    @ParameterizedTest(name = "{0} is priced {1}")
    @CsvSource({
        "2026-11-10T16:29:59.999Z, peak",
        "2026-11-10T16:30:00Z, off-peak",
        "2026-11-10T23:59:59.999Z, off-peak",
        "2026-11-11T00:00:00Z, off-peak",
        "2026-11-11T00:29:59.999Z, off-peak",
        "2026-11-11T00:30:00Z, peak",
        "2026-11-11T09:00:00Z, peak"
    })
    void pricesACallWithThePricesInForceAtItsTimeAroundTheOffPeakWindowEdges(Instant occurredAt, String period) {
        // Given a million tokens of each kind on deepseek-flash (peak 0.028 + 0.28 + 0.42, off-peak half of it)
        BigDecimal expected = period.equals("peak") ? new BigDecimal("0.7280000000") : new BigDecimal("0.3640000000");

        // When
        BigDecimal cost = calculator.cost("deepseek-flash", occurredAt, ONE_MILLION_OF_EACH);

        // Then
        assertThat(cost).isEqualTo(expected);
    }

    @Test
    void pricesCacheHitCacheMissAndOutputTokensEachAtTheirOwnPriceToTenDecimals() {
        // Given 1000 cache-hit, 200 cache-miss and 300 output tokens on deepseek-v4-pro at peak
        TokenCounts tokens = new TokenCounts(1200, 1000, 200, 300);

        // When
        BigDecimal cost = calculator.cost("deepseek-v4-pro", Instant.parse("2026-11-10T09:15:00Z"), tokens);

        // Then 1000 x 0.07 + 200 x 0.56 + 300 x 1.68 = 686 USD per million
        assertThat(cost).isEqualTo(new BigDecimal("0.0006860000"));
    }

    @Test
    void pricesPromptTokensThatTheCacheSplitDoesNotExplainAsCacheMisses() {
        // Given an older client that reports 1000 prompt tokens but only 100 as cache hits and none as misses
        TokenCounts tokens = new TokenCounts(1000, 100, 0, 0);

        // When
        BigDecimal cost = calculator.cost("deepseek-flash", Instant.parse("2026-11-10T09:15:00Z"), tokens);

        // Then 100 x 0.028 + 900 x 0.28 = 254.8 USD per million
        assertThat(cost).isEqualTo(new BigDecimal("0.0002548000"));
    }

    @Test
    void roundsACostBelowTheTenthDecimalHalfUp() {
        // Given one cache-hit token on deepseek-flash off-peak: 0.014 / 1 000 000 = 0.000000014
        TokenCounts tokens = new TokenCounts(1, 1, 0, 0);

        // When
        BigDecimal cost = calculator.cost("deepseek-flash", Instant.parse("2026-11-10T20:00:00Z"), tokens);

        // Then
        assertThat(cost).isEqualTo(new BigDecimal("0.0000000140"));
    }

    @Test
    void pricesAnUnknownModelWithTheDefaultModelsPricesInsteadOfDroppingIt() {
        // Given a model this configuration has never heard of
        TokenCounts tokens = new TokenCounts(1200, 1000, 200, 300);
        Instant peak = Instant.parse("2026-11-10T09:15:00Z");

        // When
        BigDecimal cost = calculator.cost("deepseek-v9-experimental", peak, tokens);

        // Then it costs what deepseek-flash costs
        assertThat(cost)
                .isEqualTo(calculator.cost("deepseek-flash", peak, tokens))
                .isEqualTo(new BigDecimal("0.0002100000"));
    }

    @Test
    void pricesACallWithoutTokensAtZero() {
        BigDecimal cost =
                calculator.cost("deepseek-flash", Instant.parse("2026-11-10T09:15:00Z"), new TokenCounts(0, 0, 0, 0));

        assertThat(cost).isEqualTo(new BigDecimal("0E-10"));
    }

    @Test
    void appliesAWindowThatDoesNotRunOverMidnightOnlyBetweenItsEdges() {
        // Given an off-peak window from 01:00 to 08:00 UTC
        OffPeakWindow window = new OffPeakWindow(LocalTime.of(1, 0), LocalTime.of(8, 0));

        // Then
        assertThat(window.contains(Instant.parse("2026-11-10T00:59:59Z"))).isFalse();
        assertThat(window.contains(Instant.parse("2026-11-10T01:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-10T07:59:59Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-10T08:00:00Z"))).isFalse();
    }

    @Test
    void refusesAConfigurationWhoseDefaultModelHasNoPrices() {
        assertThatThrownBy(() -> new PriceProperties(
                        "deepseek-chat",
                        examplePrices().offPeakWindow(),
                        examplePrices().models()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deepseek-chat");
    }

    @Test
    void refusesAnOffPeakWindowThatStartsWhenItEnds() {
        assertThatThrownBy(() -> new OffPeakWindow(LocalTime.of(16, 30), LocalTime.of(16, 30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shipsTheExamplePricesInCostYml() {
        PriceProperties shipped = ShippedConfiguration.binder()
                .bind("clientnest.cost.prices", PriceProperties.class)
                .get();

        assertThat(shipped).isEqualTo(examplePrices());
    }

    /** The example prices of cost.yml. */
    static PriceProperties examplePrices() {
        return new PriceProperties(
                "deepseek-flash",
                new OffPeakWindow(LocalTime.of(16, 30), LocalTime.of(0, 30)),
                Map.of(
                        "deepseek-flash",
                        new ModelPrices(prices("0.028", "0.28", "0.42"), prices("0.014", "0.14", "0.21")),
                        "deepseek-v4-pro",
                        new ModelPrices(prices("0.07", "0.56", "1.68"), prices("0.035", "0.28", "0.84"))));
    }

    private static TokenPrices prices(String hit, String miss, String output) {
        return new TokenPrices(new BigDecimal(hit), new BigDecimal(miss), new BigDecimal(output));
    }
}
