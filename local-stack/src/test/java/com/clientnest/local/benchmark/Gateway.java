package com.clientnest.local.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's REST API as the load generator uses it. */
final class Gateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminKey;

    Gateway(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    /** Creates a user of the tier and returns its API key. */
    String createUser(String name, String tier) throws Exception {
        HttpResponse<String> response = http.send(
                post("/api/v1/admin/users", adminKey, "{\"name\":\"" + name + "\",\"tier\":\"" + tier + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Cannot create a user: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("apiKey").asString();
    }

    CompletableFuture<HttpResponse<String>> submitSentiment(String apiKey, String text) {
        return http.sendAsync(
                post("/api/v1/ai/sentiment", apiKey, "{\"text\":\"" + text + "\"}"),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The request's status, or null while it is not final. */
    Final finalStatus(String apiKey, String requestId) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/ai/requests/" + requestId))
                        .header("Authorization", "Bearer " + apiKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode status = JSON.readTree(response.body());
        String state = status.path("status").asString("");
        if (state.equals("QUEUED") || state.equals("PROCESSING") || state.isEmpty()) {
            return null;
        }
        return new Final(
                state,
                status.path("lane").asString(),
                Instant.parse(status.path("createdAt").asString()),
                status.path("completedAt").isMissingNode()
                                || status.path("completedAt").isNull()
                        ? null
                        : Instant.parse(status.path("completedAt").asString()));
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** A request in a final state, with the gateway's own timestamps. */
    record Final(String status, String lane, Instant createdAt, Instant completedAt) {

        long millis() {
            return completedAt == null
                    ? -1
                    : Duration.between(createdAt, completedAt).toMillis();
        }
    }

    private HttpRequest post(String path, String key, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
