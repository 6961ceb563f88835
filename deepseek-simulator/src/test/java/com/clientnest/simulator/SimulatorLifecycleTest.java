package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorLifecycleTest {

    @Test
    void freesItsPortAndThreadsOnClose() {
        // Given a simulator that served a call and holds another one forever
        DeepSeekSimulator simulator =
                DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0));
        int port = simulator.port();
        SimulatorHttp http = new SimulatorHttp(simulator);
        assertThat(http.chat(ChatRequests.plain("Hi").toString()).statusCode()).isEqualTo(200);
        simulator.faults(FaultPlan.mode(FaultMode.TIMEOUT, 1.0, Duration.ofMinutes(1)));
        http.client()
                .sendAsync(
                        http.request("/chat/completions")
                                .header("Authorization", "Bearer k")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        ChatRequests.plain("Hi").toString()))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(2)).until(() -> simulator.stats().inFlight() == 1);

        // When it is closed
        simulator.close();

        // Then none of its threads is left and its port can be bound again
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .filteredOn(thread -> thread.getName().startsWith("deepseek-sim"))
                        .isEmpty());
        try (DeepSeekSimulator again =
                DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(port))) {
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
