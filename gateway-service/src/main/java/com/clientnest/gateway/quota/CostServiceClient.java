package com.clientnest.gateway.quota;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost service's internal API over HTTP, with the service token and hard time limits: a slow or absent cost
 * service must cost a caller well under a second, never a hung request. Answers come back raw; {@link
 * QuotaAdmission} decides what they mean.
 */
class CostServiceClient {

    private final HttpClient http;
    private final JsonMapper json;
    private final QuotaProperties properties;
    private final Tracer tracer;
    private final Propagator propagator;

    CostServiceClient(QuotaProperties properties, JsonMapper json, Tracer tracer, Propagator propagator) {
        this.properties = properties;
        this.json = json;
        this.tracer = tracer;
        this.propagator = propagator;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    Answer reserve(Map<String, Object> admission) {
        return send(request("/internal/v1/reservations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(admission))));
    }

    /**
     * Several admissions in one call, each with the trace context of its submission (or none).
     *
     * @return the answer to each, in order, as {@link #reserve} would have given it
     * @throws CostServiceUnavailable when no usable answer came in time
     */
    List<Answer> reserveAll(List<Map<String, Object>> admissions) {
        Answer batch = send(request("/internal/v1/reservations/batch")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("admissions", admissions)))));
        JsonNode answers = batch.body() == null ? null : batch.body().get("answers");
        if (batch.status() != 200 || answers == null || answers.size() != admissions.size()) {
            throw new CostServiceUnavailable("The cost service answered " + batch.status()
                    + (batch.code().isEmpty() ? "" : " (" + batch.code() + ")") + " to a batch of admissions");
        }
        List<Answer> each = new ArrayList<>(answers.size());
        for (JsonNode answer : answers) {
            JsonNode retryAfter = answer.get("retryAfter");
            each.add(new Answer(
                    answer.path("status").asInt(),
                    answer.get("body"),
                    retryAfter == null || retryAfter.isNull() ? null : retryAfter.asString()));
        }
        return each;
    }

    /** The current trace context as propagation fields (e.g. {@code traceparent}), if the current trace is sampled. */
    Map<String, String> currentTrace() {
        TraceContext current = tracer.currentTraceContext().context();
        if (current == null || !Boolean.TRUE.equals(current.sampled())) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        propagator.inject(current, fields, Map::put);
        return fields;
    }

    Answer release(UUID reservationId) {
        return send(request("/internal/v1/reservations/" + reservationId).DELETE());
    }

    Answer registerAccount(String userId, String tier) {
        return send(request("/internal/v1/accounts/" + userId)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("tier", tier)))));
    }

    Answer usage(String userId, String month) {
        String query = month == null ? "" : "?month=" + month;
        return send(request("/internal/v1/users/" + userId + "/usage" + query).GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.costServiceUrl() + path))
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + properties.serviceToken())
                .header("Accept", "application/json, application/problem+json");
        // The cost service's side of a quota admission joins the trace of the request that asked for it.
        TraceContext current = tracer.currentTraceContext().context();
        if (current != null) {
            propagator.inject(current, request, HttpRequest.Builder::setHeader);
        }
        return request;
    }

    /** @throws CostServiceUnavailable when no answer came in time */
    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = response.body().isBlank() ? null : json.readTree(response.body());
            return new Answer(
                    response.statusCode(),
                    body,
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (HttpTimeoutException e) {
            throw new CostServiceUnavailable("The cost service did not answer in time", e);
        } catch (IOException | UncheckedIOException e) {
            throw new CostServiceUnavailable("The cost service cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CostServiceUnavailable("Interrupted while calling the cost service", e);
        } catch (RuntimeException e) {
            // An unreadable body is as useless to the caller as no answer.
            throw new CostServiceUnavailable("The cost service answered with an unreadable body", e);
        }
    }

    /** Status, JSON body (null when empty) and {@code Retry-After} of one answer. */
    record Answer(int status, JsonNode body, String retryAfter) {

        String code() {
            return body == null ? "" : body.path("code").asString("");
        }
    }
}
