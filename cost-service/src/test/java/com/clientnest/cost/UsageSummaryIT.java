package com.clientnest.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.WithTestInfrastructure;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CostApplication.CONFIG_NAME)
@WithTestInfrastructure
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

        // When
        HttpResponse<String> response = get("/internal/v1/users/" + userId + "/usage?tier=PROFESSIONAL&month=2026-11");

        // Then 2 x 210 + 36.4 USD per million
        assertThat(response.statusCode()).isEqualTo(200);
        JSONAssert.assertEquals("""
                {"userId": "%s", "tier": "PROFESSIONAL", "month": "2026-11",
                 "metrics": {
                   "contentGeneration": {"limit": 500, "used": 2, "percentage": 0.4, "remaining": 498},
                   "sentimentAnalysis": {"limit": 2000, "used": 1, "percentage": 0.1, "remaining": 1999},
                   "contentOptimization": {"limit": 200, "used": 0, "percentage": 0.0, "remaining": 200},
                   "tokens": {"limit": 500000, "used": 3120, "percentage": 0.6, "remaining": 496880},
                   "costUsd": {"limit": 50, "used": 0.0004564000, "percentage": 0.0, "remaining": 49.9995436000}
                 }}
                """.formatted(userId), response.body(), JSONCompareMode.STRICT);
    }

    @Test
    void showsUnlimitedMetricsAsNullLimitsForTheCurrentMonthByDefault() throws Exception {
        // Given an enterprise user without usage
        String userId = UsageEvents.newUserId();

        // When no month is given
        HttpResponse<String> response = get("/internal/v1/users/" + userId + "/usage?tier=ENTERPRISE");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        JSONAssert.assertEquals(
                """
                {"userId": "%s", "tier": "ENTERPRISE", "month": "%s",
                 "metrics": {
                   "contentGeneration": {"limit": null, "used": 0, "percentage": null, "remaining": null},
                   "sentimentAnalysis": {"limit": null, "used": 0, "percentage": null, "remaining": null},
                   "contentOptimization": {"limit": null, "used": 0, "percentage": null, "remaining": null},
                   "tokens": {"limit": null, "used": 0, "percentage": null, "remaining": null},
                   "costUsd": {"limit": 1000, "used": 0, "percentage": 0.0, "remaining": 1000}
                 }}
                """.formatted(userId, YearMonth.now(ZoneOffset.UTC)), response.body(), JSONCompareMode.STRICT);
    }

    @Test
    void answersAMalformedMonthWithAValidationProblem() throws Exception {
        HttpResponse<String> response = get("/internal/v1/users/user-1/usage?tier=FREE&month=2026-13");

        assertProblem(response, "month must be a UTC calendar month as yyyy-MM, not '2026-13'");
    }

    @Test
    void answersAnUnknownTierWithAValidationProblem() throws Exception {
        HttpResponse<String> response = get("/internal/v1/users/user-1/usage?tier=PLATINUM");

        assertProblem(
                response,
                "Unknown tier 'PLATINUM'; expected one of [FREE, STARTER, PROFESSIONAL, BUSINESS, ENTERPRISE]");
    }

    @Test
    void answersAMissingTierWithAValidationProblem() throws Exception {
        HttpResponse<String> response = get("/internal/v1/users/user-1/usage");

        assertProblem(response, "Required parameter 'tier' is not present.");
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

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
