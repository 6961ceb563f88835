package com.clientnest.simulator;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DeepSeek-compatible chat completions server on plain reactor-netty, with latency and fault control. It owns its
 * event loops and timer, so it can run inside another application's tests without touching their Spring context,
 * and {@link #close()} leaves no thread behind.
 *
 * <pre>{@code
 * try (DeepSeekSimulator simulator = DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0))) {
 *     String url = simulator.baseUrl() + "/chat/completions";
 *     simulator.faults(FaultPlan.status(503, 1.0, Duration.ofSeconds(5)));
 * }
 * }</pre>
 */
public final class DeepSeekSimulator implements AutoCloseable {

    private static final Set<String> CHAT_PATHS = Set.of("/chat/completions", "/v1/chat/completions");

    private final SimulatorState state;
    private final LoopResources loops;
    private final Scheduler timer;
    private final DisposableServer server;

    private DeepSeekSimulator(SimulatorState state, LoopResources loops, Scheduler timer, DisposableServer server) {
        this.state = state;
        this.loops = loops;
        this.timer = timer;
        this.server = server;
    }

    /** Binds and starts serving; returns once the port is open. */
    public static DeepSeekSimulator start(SimulatorSettings settings) {
        SimulatorState state = new SimulatorState(settings);
        JsonMapper mapper = JsonMapper.builder().build();
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        LoopResources loops = LoopResources.create("deepseek-sim", 1, workers, true);
        // One timer thread is plenty: it only fires wake-ups, the writing happens on the event loops.
        Scheduler timer = Schedulers.newSingle("deepseek-sim-timer", true);
        ChatCompletionsEndpoint chat = new ChatCompletionsEndpoint(state, mapper, timer);
        ControlEndpoint control = new ControlEndpoint(state, mapper);
        try {
            DisposableServer server = HttpServer.create()
                    .host(settings.host())
                    .port(settings.port())
                    .runOn(loops)
                    // A burst of ten thousand clients connecting at once must not overflow the accept queue.
                    .option(ChannelOption.SO_BACKLOG, 16_384)
                    .route(routes -> routes.post("/chat/completions", chat::complete)
                            .post("/v1/chat/completions", chat::complete)
                            .get("/models", chat::listModels)
                            .get("/v1/models", chat::listModels)
                            .put("/_sim/faults", control::putFaults)
                            .get("/_sim/faults", control::getFaults)
                            .delete("/_sim/faults", control::deleteFaults)
                            .put("/_sim/latency", control::putLatency)
                            .get("/_sim/latency", control::getLatency)
                            .put("/_sim/concurrency", control::putConcurrency)
                            .get("/_sim/concurrency", control::getConcurrency)
                            .get("/_sim/stats", control::getStats)
                            .delete("/_sim/stats", control::deleteStats)
                            .post("/_sim/reset", control::reset)
                            .route(request -> true, (request, response) -> unrouted(request, response, mapper)))
                    .bindNow(Duration.ofSeconds(10));
            return new DeepSeekSimulator(state, loops, timer, server);
        } catch (RuntimeException e) {
            timer.dispose();
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The URL clients put before {@code /chat/completions}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public SimulatorSettings settings() {
        return state.settings();
    }

    public SimulatorStats stats() {
        return state.stats().snapshot();
    }

    /** Zeroes the counters of {@link #stats()}. */
    public void resetStats() {
        state.stats().reset();
    }

    /** Injects a fault until it expires or {@link #clearFaults()} is called; replaces any fault in force. */
    public void faults(FaultPlan plan) {
        state.faults().set(plan);
    }

    public void clearFaults() {
        state.faults().clear();
    }

    public void latency(LatencyProfile profile) {
        state.latency(profile);
    }

    public LatencyProfile latency() {
        return state.latency().profile();
    }

    public void concurrencyLimit(int limit) {
        state.gate().limit(limit);
    }

    public int concurrencyLimit() {
        return state.gate().limit();
    }

    /** Back to the start settings: no fault, the start latency and limit, empty stats and context cache. */
    public void reset() {
        state.reset();
    }

    /** Stops listening, drops open connections (held calls included) and stops the simulator's threads. */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
        timer.dispose();
    }

    private static Mono<Void> unrouted(HttpServerRequest request, HttpServerResponse response, JsonMapper mapper) {
        ApiError error = CHAT_PATHS.contains(request.fullPath())
                ? ApiError.methodNotAllowed(request.method().name())
                : ApiError.notFound(request.fullPath());
        return HttpReplies.json(response, error.status(), error.toJson(mapper));
    }
}
