package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlApiTest {

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator();

    @Test
    void reportsCallsByStatusInFlightAndPeak() {
        // Given two answered calls and one refused
        running.http().chat(ChatRequests.plain("Hi").toString());
        running.http().chat(ChatRequests.plain("Hello").toString());
        running.http().post("/chat/completions", ChatRequests.plain("Hi").toString(), null);

        // When the stats are read
        HttpResponse<String> response = running.http().get("/_sim/stats");

        // Then they count each call once, by status
        assertThat(SimulatorHttp.json(response.body())).isEqualTo(SimulatorHttp.json("""
                        {"totalCalls":3,"inFlight":0,"peakInFlight":1,"abandoned":0,
                         "callsByStatus":{"200":2,"401":1}}
                        """));
    }

    @Test
    void zeroesTheStatsOnDelete() {
        running.http().chat(ChatRequests.plain("Hi").toString());

        assertThat(running.http().delete("/_sim/stats").statusCode()).isEqualTo(204);

        assertThat(running.simulator().stats()).isEqualTo(new SimulatorStats(0, 0, 0, java.util.Map.of(), 0));
    }

    @Test
    void slowsCallsDownToTheLatencySetAtRunTime() {
        // Given a constant latency of 300 ms set through the control API
        HttpResponse<String> control = running.http().put("/_sim/latency", "{\"meanMs\":300,\"p99Ms\":300}");
        long started = System.nanoTime();

        // When a call arrives
        HttpResponse<String> response =
                running.http().chat(ChatRequests.plain("Hi").toString());

        // Then it takes at least that long, and the profile reads back
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(SimulatorHttp.json(control.body()))
                .isEqualTo(SimulatorHttp.json("{\"meanMs\":300,\"p99Ms\":300,\"perOutputTokenMs\":0.0}"));
    }

    @Test
    void answersControlCallsAtOnceFromManyThreadsWhileCallsAreHeld() throws Exception {
        // Given forty calls held for two seconds
        running.simulator().latency(LatencyProfile.of(2_000, 2_000));
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpRequest request = running.http()
                    .request("/chat/completions")
                    .header("Authorization", "Bearer k")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            ChatRequests.plain("Hi " + i).toString()))
                    .build();
            held.add(running.http().client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(2))
                .until(() -> running.simulator().stats().inFlight() == 40);

        // When eight threads change faults and latency and read stats concurrently
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    statuses.add(running.http()
                            .put("/_sim/faults", "{\"status\":500,\"probability\":0}")
                            .statusCode());
                    statuses.add(running.http()
                            .put("/_sim/latency", "{\"meanMs\":2000,\"p99Ms\":2000}")
                            .statusCode());
                    statuses.add(running.http().get("/_sim/stats").statusCode());
                    statuses.add(running.http().delete("/_sim/faults").statusCode());
                }
                return statuses;
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> worker : workers) {
            statuses.addAll(worker.get());
        }
        pool.shutdown();
        Duration controlTime = Duration.ofNanos(System.nanoTime() - started);

        // Then all 800 control calls succeeded before the held calls were answered
        assertThat(statuses).hasSize(800).containsOnly(200, 204);
        assertThat(controlTime).isLessThan(Duration.ofSeconds(2));
        assertThat(running.simulator().stats().inFlight()).isEqualTo(40);
        assertThat(held).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
    }

    @Test
    void restoresTheStartSettingsOnReset() {
        // Given changed latency, limit and faults
        running.http().put("/_sim/latency", "{\"meanMs\":900}");
        running.http().put("/_sim/concurrency", "{\"limit\":3}");
        running.http().put("/_sim/faults", "{\"status\":503}");

        // When the simulator is reset
        assertThat(running.http().post("/_sim/reset", "", null).statusCode()).isEqualTo(204);

        // Then the start settings are back
        assertThat(running.simulator().latency()).isEqualTo(LatencyProfile.none());
        assertThat(running.simulator().concurrencyLimit()).isEqualTo(500);
        assertThat(running.http().chat(ChatRequests.plain("Hi").toString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesAControlBodyThatIsNotAJsonObjectWith400() {
        assertThat(running.http().put("/_sim/latency", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(running.http().put("/_sim/latency", "{\"meanMs\":-5}").statusCode())
                .isEqualTo(400);
        assertThat(running.http().put("/_sim/concurrency", "{}").statusCode()).isEqualTo(400);
        assertThat(running.http().put("/_sim/faults", "{\"status\":200}").statusCode())
                .isEqualTo(400);
    }
}
