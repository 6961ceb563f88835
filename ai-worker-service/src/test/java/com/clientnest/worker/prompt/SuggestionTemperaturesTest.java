package com.clientnest.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionTemperaturesTest {

    @Test
    void risesFromTheSeedsStartInDecimalStepsOfOneTenth() {
        assertThat(SuggestionTemperatures.of(null, 10))
                .isEqualTo(List.of(0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7));
    }

    @Test
    void startsFromTheRequestsOwnTemperatureAndStopsAtDeepSeeksMaximum() {
        assertThat(SuggestionTemperatures.of(1.7, 6)).isEqualTo(List.of(1.7, 1.8, 1.9, 2.0, 2.0, 2.0));
    }

    @Test
    void refusesNoVariantsOrMoreThanTen() {
        assertThatThrownBy(() -> SuggestionTemperatures.of(null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A suggestions request asks for 1 to 10 variants, not 0");
        assertThatThrownBy(() -> SuggestionTemperatures.of(null, 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
