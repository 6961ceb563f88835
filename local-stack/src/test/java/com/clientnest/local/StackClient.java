package com.clientnest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One user of a running stack, as a client sees it: a sentiment request submitted and followed to its end. */
public final class StackClient {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String gatewayUrl;
    private final String apiKey;

    private StackClient(String gatewayUrl, String apiKey) {
        this.gatewayUrl = gatewayUrl;
        this.apiKey = apiKey;
    }

    /** A new professional user of its own: other tests of this JVM share the database and its development user. */
    public static StackClient newUser(LocalStack stack, String adminKey, String name) throws Exception {
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/admin/users"))
                        .header("Authorization", "Bearer " + adminKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"" + name + "\",\"tier\":\"professional\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return new StackClient(
                stack.gatewayUrl(), JSON.readTree(created.body()).path("apiKey").asString());
    }

    /** Submits a sentiment request with the extra headers given and returns its id once it is accepted. */
    public String submitSentiment(String text, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/ai/sentiment"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"));
        headers.forEach(request::header);
        HttpResponse<String> accepted = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("requestId").asString();
    }

    /** Waits until the request is completed and its usage settled in the cost service's ledger. */
    public void awaitCompletedAndSettled(String requestId) {
        await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/ai/requests/" + requestId)
                                .path("status")
                                .asString(),
                        "COMPLETED"::equals);
        // Settled: the cost service holds nothing back for it any more, so it has read the request's usage.
        await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/usage").path("metrics").path("sentimentAnalysis"),
                        metric -> metric.path("used").asInt() == 1
                                && metric.path("reserved").asInt() == 0);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                        .header("Authorization", "Bearer " + apiKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
