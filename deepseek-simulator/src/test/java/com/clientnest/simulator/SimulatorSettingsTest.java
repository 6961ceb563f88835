package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

    @Test
    void readsTheStandaloneSettingsFromEnvironmentVariablesWithSystemPropertiesOnTop() {
        // Given environment variables and one overriding system property
        Map<String, String> environment = Map.of(
                "DEEPSEEK_SIM_PORT", "9000",
                "DEEPSEEK_SIM_MODELS", "deepseek-flash, deepseek-x",
                "DEEPSEEK_SIM_LATENCY_MEAN_MS", "800",
                "DEEPSEEK_SIM_LATENCY_P99_MS", "3000",
                "DEEPSEEK_SIM_PER_OUTPUT_TOKEN_MS", "2.5",
                "DEEPSEEK_SIM_CONCURRENCY_LIMIT", "50",
                "DEEPSEEK_SIM_API_KEY", "sk-local");
        Properties properties = new Properties();
        properties.setProperty("deepseek.sim.port", "9100");

        // When the settings are read
        SimulatorSettings settings = SimulatorSettings.fromEnvironment(environment, properties);

        // Then each one is taken, the property winning over the variable
        assertThat(settings)
                .isEqualTo(new SimulatorSettings(
                        "0.0.0.0",
                        9100,
                        List.of("deepseek-flash", "deepseek-x"),
                        new LatencyProfile(800, 3000, 2.5),
                        50,
                        "sk-local",
                        100_000));
    }

    @Test
    void fallsBackToTheDefaultsOnAllInterfacesWhenNothingIsSet() {
        SimulatorSettings settings = SimulatorSettings.fromEnvironment(Map.of(), new Properties());

        assertThat(settings).isEqualTo(SimulatorSettings.defaults().withHost("0.0.0.0"));
        assertThat(settings.port()).isEqualTo(8090);
        assertThat(settings.models()).containsExactly("deepseek-flash", "deepseek-v4-pro");
    }

    @Test
    void namesTheVariableThatIsNotANumber() {
        assertThatThrownBy(() ->
                        SimulatorSettings.fromEnvironment(Map.of("DEEPSEEK_SIM_PORT", "eighty"), new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DEEPSEEK_SIM_PORT must be a whole number, was 'eighty'");
    }
}
