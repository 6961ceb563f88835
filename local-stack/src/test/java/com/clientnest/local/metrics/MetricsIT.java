package com.clientnest.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's {@code /actuator/prometheus} after one request went the whole way (accepted, answered by the
 * simulator, settled in the ledger) and one was refused as invalid. The three services share this JVM, each with
 * its own registry, so each scrape shows only its own series.
 */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MODEL = "deepseek-flash";

    private static LocalStack stack;
    private static String apiKey;
    private static JsonNode completed;

    @BeforeAll
    static void completeOneRequestAndRefuseAnother() throws Exception {
        stack = LocalStack.start(LocalStackSettings.forTests(), SharedTestInfrastructure.get());
        // A user of its own: the end-to-end test shares this database and counts the development user's usage.
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/admin/users"))
                        .header("Authorization", "Bearer test-admin-key")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Metrics\",\"tier\":\"professional\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        apiKey = JSON.readTree(created.body()).path("apiKey").asString();
        HttpResponse<String> accepted = post("/api/v1/ai/sentiment", "{\"text\":\"Great release, thank you!\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String requestId = JSON.readTree(accepted.body()).path("requestId").asString();
        completed = await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/ai/requests/" + requestId),
                        status -> "COMPLETED".equals(status.path("status").asString()));
        // Settled: the cost service holds nothing back for it any more.
        await().atMost(WAIT)
                .until(
                        () -> get("/api/v1/usage").path("metrics").path("sentimentAnalysis"),
                        metric -> metric.path("reserved").asInt() == 0);
        assertThat(post("/api/v1/ai/sentiment", "{\"text\":\"\"}").statusCode()).isEqualTo(400);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theGatewayCountsSubmissionsByTypeLaneTierAndOutcomeAndGaugesEveryLane() throws Exception {
        // Given one sentiment request accepted onto the normal lane and one refused as invalid (in the set-up)

        // When Prometheus scrapes the gateway
        Map<String, Double> series = PrometheusScrape.of(stack.gatewayUrl()).clientnest();

        // Then it sees exactly the submission counters of the two outcomes, both gauges of every lane, and the one
        // admission sent to the cost service in a batch of its own, its request stored in a batch of its own too
        assertThat(series.keySet())
                .containsExactlyInAnyOrder(
                        "clientnest_gateway_admission_batch_count",
                        "clientnest_gateway_admission_batch_sum",
                        "clientnest_gateway_admission_batch_max",
                        "clientnest_gateway_submission_batch_count",
                        "clientnest_gateway_submission_batch_sum",
                        "clientnest_gateway_submission_batch_max",
                        "clientnest_gateway_submissions_total{lane=\"normal\",outcome=\"accepted\",tier=\"professional\",type=\"sentiment\"}",
                        "clientnest_gateway_submissions_total{lane=\"none\",outcome=\"invalid\",tier=\"professional\",type=\"sentiment\"}",
                        "clientnest_lane_backlog{lane=\"high\"}",
                        "clientnest_lane_backlog{lane=\"normal\"}",
                        "clientnest_lane_backlog{lane=\"low\"}",
                        "clientnest_lane_oldest_age_seconds{lane=\"high\"}",
                        "clientnest_lane_oldest_age_seconds{lane=\"normal\"}",
                        "clientnest_lane_oldest_age_seconds{lane=\"low\"}");
        assertThat(series)
                .containsEntry(
                        "clientnest_gateway_submissions_total{lane=\"normal\",outcome=\"accepted\",tier=\"professional\",type=\"sentiment\"}",
                        1.0)
                .containsEntry(
                        "clientnest_gateway_submissions_total{lane=\"none\",outcome=\"invalid\",tier=\"professional\",type=\"sentiment\"}",
                        1.0)
                .containsEntry("clientnest_gateway_admission_batch_count", 1.0)
                .containsEntry("clientnest_gateway_admission_batch_sum", 1.0)
                .containsEntry("clientnest_gateway_submission_batch_count", 1.0)
                .containsEntry("clientnest_gateway_submission_batch_sum", 1.0);
        assertThat(series.values())
                .allSatisfy(value -> assertThat(value).isNotNaN().isNotNegative());
    }

    @Test
    void theWorkerExposesCapacityBreakerDeepSeekLatencyRetriesAndDeadLetters() throws Exception {
        // Given the worker answered the request with one call to the simulator

        // When Prometheus scrapes the worker
        PrometheusScrape scrape = PrometheusScrape.of(stack.workerUrl());
        Map<String, Double> series = scrape.clientnest();

        // Then it sees its capacity, the closed breaker, the call's latency by model and status, and every retry
        // fault and dead-letter reason, none of them counted
        String call = "{model=\"" + MODEL + "\",status=\"200\"}";
        List<String> expected = new ArrayList<>(List.of(
                "clientnest_worker_calls_in_flight",
                "clientnest_worker_capacity",
                "clientnest_worker_fleet_share",
                "clientnest_worker_fleet_instances",
                "clientnest_deepseek_breaker_state",
                "clientnest_deepseek_calls_seconds_count" + call,
                "clientnest_deepseek_calls_seconds_sum" + call,
                "clientnest_deepseek_calls_seconds_max" + call));
        List<String> faults = List.of(
                "bad_request",
                "invalid_parameters",
                "rejected",
                "account",
                "rate_limited",
                "unavailable",
                "timeout",
                "connection",
                "unusable_answer",
                "output_truncated");
        faults.forEach(fault -> expected.add("clientnest_worker_retries_total{fault=\"" + fault + "\"}"));
        List<String> reasons = List.of(
                "invalid_request",
                "deepseek_bad_request",
                "deepseek_invalid_parameters",
                "deepseek_rejected",
                "deepseek_output_truncated",
                "retries_exhausted");
        reasons.forEach(reason -> expected.add("clientnest_worker_dead_letters_total{reason=\"" + reason + "\"}"));
        assertThat(series.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(series)
                .containsEntry("clientnest_deepseek_breaker_state", 0.0)
                .containsEntry("clientnest_deepseek_calls_seconds_count" + call, 1.0);
        assertThat(scrape.only(key -> key.startsWith("clientnest_worker_retries_total")
                                || key.startsWith("clientnest_worker_dead_letters_total"))
                        .values())
                .hasSize(faults.size() + reasons.size())
                .containsOnly(0.0);
        assertThat(series.get("clientnest_worker_capacity")).isPositive();
        assertThat(scrape.hasBuckets("clientnest_deepseek_calls_seconds")).isTrue();
    }

    @Test
    void theCostServiceExposesTokensSpendSettlementLagAndQuotaWarnings() throws Exception {
        // Given the request's usage was settled in the ledger

        // When Prometheus scrapes the cost service
        PrometheusScrape scrape = PrometheusScrape.of(stack.costUrl());
        Map<String, Double> series = scrape.clientnest();

        // Then it sees the request's tokens and spend under the one price period of the call, the settlement lag,
        // and every quota warning series, none raised
        String period = series.keySet().stream()
                .filter(key -> key.startsWith("clientnest_cost_spend_usd_total"))
                .map(key -> key.replaceAll(".*period=\"([a-z_]+)\".*", "$1"))
                .findFirst()
                .orElseThrow();
        assertThat(period).isIn("peak", "off_peak");
        String spend = "clientnest_cost_spend_usd_total{model=\"" + MODEL + "\",period=\"" + period + "\"}";
        List<String> expected = new ArrayList<>(List.of(
                spend,
                tokens("input_cache_hit", period),
                tokens("input_cache_miss", period),
                tokens("output", period),
                "clientnest_cost_settlement_lag_seconds_count",
                "clientnest_cost_settlement_lag_seconds_sum",
                "clientnest_cost_settlement_lag_seconds_max"));
        for (String metric :
                List.of("content_generation", "sentiment_analysis", "content_optimization", "tokens", "cost_usd")) {
            for (String threshold : List.of("0.8", "1")) {
                expected.add("clientnest_cost_quota_warnings_total{metric=\"" + metric + "\",threshold=\"" + threshold
                        + "\"}");
            }
        }
        assertThat(series.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        int totalTokens =
                completed.path("result").path("usage").path("totalTokens").asInt();
        assertThat(series.get(tokens("input_cache_hit", period))
                        + series.get(tokens("input_cache_miss", period))
                        + series.get(tokens("output", period)))
                .isEqualTo(totalTokens);
        assertThat(series.get(spend)).isPositive();
        assertThat(series).containsEntry("clientnest_cost_settlement_lag_seconds_count", 1.0);
        assertThat(scrape.only(key -> key.startsWith("clientnest_cost_quota_warnings_total"))
                        .values())
                .hasSize(10)
                .containsOnly(0.0);
        assertThat(scrape.hasBuckets("clientnest_cost_settlement_lag_seconds")).isTrue();
    }

    private static String tokens(String kind, String period) {
        return "clientnest_cost_tokens_total{kind=\"" + kind + "\",model=\"" + MODEL + "\",period=\"" + period + "\"}";
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                        .header("Authorization", "Bearer " + apiKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
