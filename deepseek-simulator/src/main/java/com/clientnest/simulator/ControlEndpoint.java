package com.clientnest.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API under {@code /_sim}: faults, latency, the concurrency limit, stats and reset. Each call only swaps
 * an atomic reference or reads counters, so it answers at once even while thousands of calls are held.
 */
final class ControlEndpoint {

    private final SimulatorState state;
    private final JsonMapper mapper;

    ControlEndpoint(SimulatorState state, JsonMapper mapper) {
        this.state = state;
        this.mapper = mapper;
    }

    Publisher<Void> putFaults(HttpServerRequest request, HttpServerResponse response) {
        return withBody(request, response, body -> {
            FaultPlan plan = faultPlan(body);
            state.faults().set(plan);
            return HttpReplies.json(response, 200, mapper.writeValueAsString(describe(plan)));
        });
    }

    Publisher<Void> getFaults(HttpServerRequest request, HttpServerResponse response) {
        ObjectNode current = state.faults()
                .current()
                .map(this::describe)
                .orElseGet(() -> mapper.createObjectNode().put("active", false));
        return HttpReplies.json(response, 200, mapper.writeValueAsString(current));
    }

    Publisher<Void> deleteFaults(HttpServerRequest request, HttpServerResponse response) {
        state.faults().clear();
        return HttpReplies.noContent(response);
    }

    Publisher<Void> putLatency(HttpServerRequest request, HttpServerResponse response) {
        return withBody(request, response, body -> {
            LatencyProfile current = state.latency().profile();
            LatencyProfile profile = new LatencyProfile(
                    number(body, "meanMs", current.meanMs()).longValue(),
                    number(body, "p99Ms", current.p99Ms()).longValue(),
                    number(body, "perOutputTokenMs", current.perOutputTokenMs()).doubleValue());
            state.latency(profile);
            return getLatency(request, response);
        });
    }

    Mono<Void> getLatency(HttpServerRequest request, HttpServerResponse response) {
        LatencyProfile profile = state.latency().profile();
        ObjectNode node = mapper.createObjectNode()
                .put("meanMs", profile.meanMs())
                .put("p99Ms", profile.p99Ms())
                .put("perOutputTokenMs", profile.perOutputTokenMs());
        return HttpReplies.json(response, 200, mapper.writeValueAsString(node));
    }

    Publisher<Void> putConcurrency(HttpServerRequest request, HttpServerResponse response) {
        return withBody(request, response, body -> {
            state.gate().limit(number(body, "limit", null).intValue());
            return getConcurrency(request, response);
        });
    }

    Mono<Void> getConcurrency(HttpServerRequest request, HttpServerResponse response) {
        ObjectNode node = mapper.createObjectNode().put("limit", state.gate().limit());
        return HttpReplies.json(response, 200, mapper.writeValueAsString(node));
    }

    Publisher<Void> getStats(HttpServerRequest request, HttpServerResponse response) {
        SimulatorStats stats = state.stats().snapshot();
        ObjectNode node = mapper.createObjectNode()
                .put("totalCalls", stats.totalCalls())
                .put("inFlight", stats.inFlight())
                .put("peakInFlight", stats.peakInFlight())
                .put("abandoned", stats.abandoned());
        ObjectNode byStatus = node.putObject("callsByStatus");
        stats.callsByStatus().forEach((status, count) -> byStatus.put(Integer.toString(status), count));
        return HttpReplies.json(response, 200, mapper.writeValueAsString(node));
    }

    Publisher<Void> deleteStats(HttpServerRequest request, HttpServerResponse response) {
        state.stats().reset();
        return HttpReplies.noContent(response);
    }

    Publisher<Void> reset(HttpServerRequest request, HttpServerResponse response) {
        state.reset();
        return HttpReplies.noContent(response);
    }

    private FaultPlan faultPlan(JsonNode body) {
        double probability = number(body, "probability", 1.0).doubleValue();
        Duration duration = Duration.ofMillis(Math.round(
                number(body, "seconds", FaultPlan.DEFAULT_DURATION.toSeconds()).doubleValue() * 1000));
        Duration keepAliveFor = Duration.ofMillis(number(body, "keepAliveMs", FaultPlan.DEFAULT_KEEP_ALIVE.toMillis())
                .longValue());
        JsonNode modeNode = body.get("mode");
        FaultMode mode = modeNode == null || modeNode.isNull()
                ? FaultMode.STATUS
                : FaultMode.fromWireName(modeNode.asString())
                        .orElseThrow(() -> new IllegalArgumentException("unknown fault mode '" + modeNode.asString()
                                + "'; use status, timeout, blank-json, keep-alive-lines or malformed"));
        int status = mode == FaultMode.STATUS ? number(body, "status", null).intValue() : 200;
        return new FaultPlan(mode, status, probability, duration, keepAliveFor);
    }

    private ObjectNode describe(FaultPlan plan) {
        ObjectNode node = mapper.createObjectNode()
                .put("active", true)
                .put("mode", plan.mode().wireName())
                .put("probability", plan.probability())
                .put("seconds", plan.duration().toMillis() / 1000.0)
                .put("keepAliveMs", plan.keepAliveFor().toMillis());
        if (plan.mode() == FaultMode.STATUS) {
            node.put("status", plan.status());
        }
        return node;
    }

    /** Reads a JSON object body, hands it on, and turns bad input into a 400 with DeepSeek's error shape. */
    private Mono<Void> withBody(
            HttpServerRequest request, HttpServerResponse response, Function<JsonNode, Mono<Void>> handler) {
        return request.receive()
                .aggregate()
                .asString(UTF_8)
                .defaultIfEmpty("{}")
                .flatMap(text -> {
                    try {
                        JsonNode body = mapper.readTree(text);
                        if (!body.isObject()) {
                            throw new IllegalArgumentException("the body must be a JSON object");
                        }
                        return handler.apply(body);
                    } catch (JacksonException | IllegalArgumentException e) {
                        String message =
                                e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
                        ApiError error =
                                new ApiError(400, message, ApiError.INVALID_REQUEST, null, ApiError.INVALID_REQUEST);
                        return HttpReplies.json(response, 400, error.toJson(mapper));
                    }
                });
    }

    private static Number number(JsonNode body, String field, Number fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("'" + field + "' is required");
            }
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
        return node.numberValue();
    }
}
