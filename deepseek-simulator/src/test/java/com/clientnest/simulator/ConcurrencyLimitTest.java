package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    @Test
    void refusesCallsAboveTheAccountConcurrencyLimitWith429() {
        // Given a simulator serving two calls at once, each taking 600 ms
        SimulatorSettings settings =
                SimulatorSettings.defaults().withPort(0).withConcurrencyLimit(2).withLatency(600, 600);
        try (DeepSeekSimulator simulator = DeepSeekSimulator.start(settings)) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            CompletableFuture<HttpResponse<String>> first = sendAsync(http);
            CompletableFuture<HttpResponse<String>> second = sendAsync(http);
            await().atMost(Duration.ofSeconds(2)).until(() -> simulator.stats().inFlight() == 2);

            // When a third call arrives while both are served
            HttpResponse<String> third = http.chat(ChatRequests.plain("Hi").toString());

            // Then it is refused at once with DeepSeek's rate limit error, and the first two succeed
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(SimulatorHttp.json(third.body())).isEqualTo(SimulatorHttp.json("""
                            {"error":{"message":"Rate Limit Reached: too many concurrent requests for this account",
                                      "type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}
                            """));
            assertThat(first.join().statusCode()).isEqualTo(200);
            assertThat(second.join().statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(simulator.stats())
                            .isEqualTo(new SimulatorStats(3, 0, 3, Map.of(200, 2L, 429, 1L), 0)));
        }
    }

    @Test
    void raisesTheLimitAtRunTime() {
        // Given a simulator serving one call at a time, with one call held
        SimulatorSettings settings =
                SimulatorSettings.defaults().withPort(0).withConcurrencyLimit(1).withLatency(500, 500);
        try (DeepSeekSimulator simulator = DeepSeekSimulator.start(settings)) {
            SimulatorHttp http = new SimulatorHttp(simulator);
            CompletableFuture<HttpResponse<String>> held = sendAsync(http);
            await().atMost(Duration.ofSeconds(2)).until(() -> simulator.stats().inFlight() == 1);

            // When the limit is raised through the control API
            HttpResponse<String> control = http.put("/_sim/concurrency", "{\"limit\":2}");

            // Then a second call is served alongside the first
            assertThat(SimulatorHttp.json(control.body())).isEqualTo(SimulatorHttp.json("{\"limit\":2}"));
            assertThat(http.chat(ChatRequests.plain("Hi").toString()).statusCode())
                    .isEqualTo(200);
            assertThat(held.join().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void letsAClientCallAgainAsSoonAsItHasItsAnswer() {
        // Given a simulator serving one call at a time
        SimulatorSettings settings = SimulatorSettings.defaults().withPort(0).withConcurrencyLimit(1);
        try (DeepSeekSimulator simulator = DeepSeekSimulator.start(settings)) {
            SimulatorHttp http = new SimulatorHttp(simulator);

            // When one client sends fifty calls one after the other
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                statuses.add(http.chat(ChatRequests.plain("Hi " + i).toString()).statusCode());
            }

            // Then none meets its predecessor in the limit
            assertThat(statuses).hasSize(50).containsOnly(200);
            assertThat(simulator.stats().peakInFlight()).isEqualTo(1);
        }
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(SimulatorHttp http) {
        HttpRequest request = http.request("/chat/completions")
                .header("Authorization", "Bearer k")
                .POST(HttpRequest.BodyPublishers.ofString(
                        ChatRequests.plain("Hi").toString()))
                .build();
        return http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
