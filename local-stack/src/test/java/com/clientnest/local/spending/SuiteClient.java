package com.clientnest.local.spending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST calls and ledger reads the spending tests make against a running stack. */
final class SuiteClient {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "DEAD_LETTERED", "CANCELLED");

    private final LocalStack stack;
    private final Infrastructure infrastructure;
    private final HttpClient http = HttpClient.newHttpClient();

    SuiteClient(LocalStack stack, Infrastructure infrastructure) {
        this.stack = stack;
        this.infrastructure = infrastructure;
    }

    /** A new user of the tier; returns their API key. */
    String newUser(String tier) throws Exception {
        HttpResponse<String> created =
                send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/admin/users"))
                        .header("Authorization", "Bearer test-admin-key")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"spender " + UUID.randomUUID() + "\",\"tier\":\"" + tier + "\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).path("apiKey").asString();
    }

    /** The 202 answer of a submission. */
    JsonNode post(String apiKey, String path, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    JsonNode delete(String apiKey, String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + apiKey)
                .DELETE());
        return JSON.readTree(response.body());
    }

    JsonNode get(String apiKey, String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + apiKey)
                .GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The request once it is final. */
    JsonNode awaitFinal(String apiKey, String requestId) {
        return await().atMost(WAIT)
                .until(
                        () -> get(apiKey, "/api/v1/ai/requests/" + requestId),
                        status -> FINAL.contains(status.path("status").asString()));
    }

    /** The user's usage of one metric once nothing of it is reserved any more. */
    JsonNode awaitSettled(String apiKey, String metric) {
        return await().atMost(WAIT)
                .until(
                        () -> get(apiKey, "/api/v1/usage").path("metrics").path(metric),
                        usage -> usage.path("reserved").asInt() == 0);
    }

    /** The cost service's record of a request's usage, once there is one. */
    UsageRow awaitUsageRow(String requestId) {
        return await().atMost(WAIT).until(() -> usageRow(requestId), row -> row != null);
    }

    record UsageRow(boolean cacheHit, int totalTokens, BigDecimal costUsd) {}

    private UsageRow usageRow(String requestId) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl(),
                        infrastructure.databaseUsername(),
                        infrastructure.databasePassword());
                PreparedStatement query = connection.prepareStatement(
                        "select cache_hit, total_tokens, cost_usd from cost.usage_records where request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new UsageRow(
                        rows.getBoolean("cache_hit"), rows.getInt("total_tokens"), rows.getBigDecimal("cost_usd"));
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
