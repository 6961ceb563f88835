package com.clientnest.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CostIntegrationTest
class UsageSummaryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private Topics topics;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void summarisesAUsersMonthAgainstTheLimitsOfTheirTier() throws Exception {
        // Given a professional user with two content generations and one sentiment analysis in November 2026
        String userId = UsageEvents.newUserId();
        UsageRecorded sentiment = UsageEvents.contentGeneration(userId)
                .setType(RequestType.SENTIMENT_ANALYSIS)
                .setUsage(new TokenUsage(100, 20, 120, 0, 100))
                .build();
        try (var publisher = new UsagePublisher(topics.usage())) {
            publisher.publish(UsageEvents.contentGeneration(userId).build());
            publisher.publish(UsageEvents.contentGeneration(userId).build());
            publisher.publish(sentiment);
        }
        awaitRecorded(sentiment);
        register(userId, "professional");

        // When
        HttpResponse<String> response = get("/internal/v1/users/" + userId + "/usage?month=2026-11");

        // Then 2 x 210 + 36.4 USD per million
        assertThat(response.statusCode()).isEqualTo(200);
        JSONAssert.assertEquals("""
                {"userId": "%s", "tier": "PROFESSIONAL", "month": "2026-11",
                 "metrics": {
                   "contentGeneration": {"limit": 500, "used": 2, "reserved": 0, "percentage": 0.4, "remaining": 498},
                   "sentimentAnalysis": {"limit": 2000, "used": 1, "reserved": 0, "percentage": 0.1,
                                         "remaining": 1999},
                   "contentOptimization": {"limit": 200, "used": 0, "reserved": 0, "percentage": 0.0,
                                           "remaining": 200},
                   "tokens": {"limit": 500000, "used": 3120, "reserved": 0, "percentage": 0.6, "remaining": 496880},
                   "costUsd": {"limit": 50, "used": 0.0004564000, "reserved": 0.0000000000, "percentage": 0.0,
                               "remaining": 49.9995436000}
                 },
                 "warnings": [],
                 "savings": {"deferredCalls": 0, "deferralUsd": 0}}
                """.formatted(userId), response.body(), JSONCompareMode.STRICT);
    }

    @Test
    void givenCallsOfDeferredRequestsInTheOffPeakWindowThenTheyArePricedOffPeakAndTheSummaryShowsWhatTheySaved()
            throws Exception {
        // Given two calls of requests held for the off-peak window, made inside it, and one ordinary call at peak
        String userId = UsageEvents.newUserId();
        UsageRecorded deferred = UsageEvents.contentGeneration(userId)
                .setOccurredAt(Instant.parse("2026-11-10T16:30:00Z"))
                .setDeferred(true)
                .build();
        UsageRecorded deferredAgain = UsageEvents.contentGeneration(userId)
                .setOccurredAt(Instant.parse("2026-11-11T00:29:59Z"))
                .setUsage(new TokenUsage(2000, 1000, 3000, 0, 2000))
                .setDeferred(true)
                .build();
        UsageRecorded ordinary = UsageEvents.contentGeneration(userId).build();
        try (var publisher = new UsagePublisher(topics.usage())) {
            publisher.publish(deferred);
            publisher.publish(deferredAgain);
            publisher.publish(ordinary);
        }
        awaitRecorded(deferred);
        awaitRecorded(deferredAgain);
        awaitRecorded(ordinary);
        register(userId, "professional");

        // When
        HttpResponse<String> response = get("/internal/v1/users/" + userId + "/usage?month=2026-11");

        // Then each deferred call is priced off-peak (deepseek-flash: 0.014 hit, 0.14 miss, 0.21 output per million):
        //   1000 x 0.014 + 200 x 0.14 + 300 x 0.21 = 105 -> 0.000105; 2000 x 0.14 + 1000 x 0.21 = 490 -> 0.00049
        // and at peak it would have cost twice that: the saving is 0.000105 + 0.00049 = 0.000595
        assertThat(new CostTables(jdbc)
                        .usageRecord(deferred.getEventId())
                        .orElseThrow()
                        .costUsd())
                .isEqualByComparingTo("0.000105");
        assertThat(new CostTables(jdbc)
                        .usageRecord(deferredAgain.getEventId())
                        .orElseThrow()
                        .costUsd())
                .isEqualByComparingTo("0.00049");
        JsonNode savings =
                JsonMapper.builder().build().readTree(response.body()).path("savings");
        assertThat(savings.path("deferredCalls").asLong()).isEqualTo(2);
        assertThat(savings.path("deferralUsd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.000595"));
    }

    @Test
    void showsUnlimitedMetricsAsNullLimitsForTheCurrentMonthByDefault() throws Exception {
        // Given an enterprise user without usage
        String userId = UsageEvents.newUserId();
        register(userId, "enterprise");

        // When no month is given
        HttpResponse<String> response = get("/internal/v1/users/" + userId + "/usage");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        JSONAssert.assertEquals(
                """
                {"userId": "%s", "tier": "ENTERPRISE", "month": "%s",
                 "metrics": {
                   "contentGeneration": {"limit": null, "used": 0, "reserved": 0, "percentage": null,
                                         "remaining": null},
                   "sentimentAnalysis": {"limit": null, "used": 0, "reserved": 0, "percentage": null,
                                         "remaining": null},
                   "contentOptimization": {"limit": null, "used": 0, "reserved": 0, "percentage": null,
                                           "remaining": null},
                   "tokens": {"limit": null, "used": 0, "reserved": 0, "percentage": null, "remaining": null},
                   "costUsd": {"limit": 1000, "used": 0, "reserved": 0, "percentage": 0.0, "remaining": 1000}
                 },
                 "warnings": [],
                 "savings": {"deferredCalls": 0, "deferralUsd": 0}}
                """.formatted(userId, YearMonth.now(ZoneOffset.UTC)), response.body(), JSONCompareMode.STRICT);
    }

    @Test
    void answersAMalformedMonthWithAValidationProblem() throws Exception {
        HttpResponse<String> response = get("/internal/v1/users/user-1/usage?month=2026-13");

        assertProblem(response, "month must be a UTC calendar month as yyyy-MM, not '2026-13'");
    }

    @Test
    void refusesToRegisterAnAccountWithAnUnknownTier() throws Exception {
        HttpResponse<String> response = put("/internal/v1/accounts/user-1", "{\"tier\": \"platinum\"}");

        assertProblem(
                response,
                "Unknown tier 'platinum'; expected one of [FREE, STARTER, PROFESSIONAL, BUSINESS, ENTERPRISE]");
    }

    @Test
    void answersAUserNeverRegisteredWithAnUnknownAccountProblem() throws Exception {
        // Given a user the gateway never registered
        String userId = UsageEvents.newUserId();

        // When
        HttpResponse<String> response = get("/internal/v1/users/" + userId + "/usage");

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        JSONAssert.assertEquals("""
                {"title": "Not Found", "status": 404, "instance": "/internal/v1/users/%s/usage",
                 "detail": "No account '%s' is registered with the cost service", "code": "unknown_account"}
                """.formatted(userId, userId), response.body(), JSONCompareMode.STRICT);
    }

    @Test
    void refusesAnInternalCallWithoutTheServiceToken() throws Exception {
        // When the summary is asked for without a token, and with a wrong one
        HttpResponse<String> without = send(HttpRequest.newBuilder(uri("/internal/v1/users/user-1/usage"))
                .GET()
                .build());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/internal/v1/users/user-1/usage"))
                .header("Authorization", "Bearer not-the-token")
                .GET()
                .build());

        // Then
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        JSONAssert.assertEquals("""
                {"title": "Unauthorized", "status": 401, "instance": "/internal/v1/users/user-1/usage",
                 "detail": "The service token is not valid", "code": "unauthorized"}
                """, wrong.body(), JSONCompareMode.STRICT);
    }

    @Test
    void answersAnUnknownPathWithANotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/internal/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        JSONAssert.assertEquals("{\"status\": 404, \"code\": \"not_found\"}", response.body(), JSONCompareMode.LENIENT);
    }

    @Test
    void reportsItsHealthOnTheActuator() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JSONAssert.assertEquals("{\"status\": \"UP\"}", response.body(), JSONCompareMode.LENIENT);
    }

    private void assertProblem(HttpResponse<String> response, String detail) throws Exception {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JSONAssert.assertEquals(
                """
                {"title": "Bad Request", "status": 400, "detail": "%s",
                 "instance": "%s", "code": "validation_failed"}
                """.formatted(detail, response.uri().getPath()), response.body(), JSONCompareMode.STRICT);
    }

    private void awaitRecorded(UsageRecorded event) {
        CostTables tables = new CostTables(jdbc);
        await().atMost(TIMEOUT)
                .until(() -> tables.usageRecord(event.getEventId()).isPresent());
    }

    private void register(String userId, String tier) throws Exception {
        HttpResponse<String> response = put("/internal/v1/accounts/" + userId, "{\"tier\": \"" + tier + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(authorized(path).GET().build());
    }

    private HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return send(authorized(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + CostIntegrationTest.SERVICE_TOKEN);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
