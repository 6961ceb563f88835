package com.clientnest.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@GatewayIntegrationTest
class AdminIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    @Test
    void createsAUserWhoseKeyIsShownOnceAndWorks() {
        // When
        Reply created = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "Free Startup", "tier": "free"}""");

        // Then
        assertThat(created.status()).isEqualTo(201);
        String userId = created.body().get("userId").asString();
        String apiKey = created.body().get("apiKey").asString();
        assertThat(created.body()).isEqualTo(api.json("""
                        {"userId": "%s", "name": "Free Startup", "tier": "free", "apiKey": "%s"}""".formatted(userId, apiKey)));
        assertThat(jdbc.sql("SELECT api_key_hash FROM users WHERE id = :id")
                        .param("id", userId)
                        .query(String.class)
                        .single())
                .isEqualTo(ApiKeys.hash(apiKey))
                .isNotEqualTo(apiKey);

        // and a free user asking for the high lane for generated content stays on the low lane (score 20)
        Reply submitted = api.post("/api/v1/ai/content", apiKey, """
                {"prompt": "Hello", "platform": "tiktok", "contentType": "story", "priority": "high"}""");
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.body().get("lane").asString()).isEqualTo("low");
    }

    @Test
    void forbidsUserAdministrationToUsers() {
        // When
        Reply reply = api.post("/api/v1/admin/users", GatewayIntegrationTest.DEV_USER_KEY, """
                {"name": "Sneaky", "tier": "enterprise"}""");

        // Then
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void forbidsAiRequestsToTheAdmin() {
        // When
        Reply reply = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.ADMIN_KEY, "{\"text\": \"hi\"}");

        // Then
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void rejectsAnUnknownTier() {
        // When
        Reply reply = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "Platinum", "tier": "platinum"}""");

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("errors")).isEqualTo(api.json("""
                        [{"field": "tier",
                          "message": "must be one of [free, starter, professional, business, enterprise]"}]"""));
    }

    @Test
    void servesTheOpenApiDocumentAndHealthWithoutAKey() {
        // When
        Reply docs = api.get("/v3/api-docs", null);
        Reply health = api.get("/actuator/health", null);

        // Then
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").propertyNames())
                .contains(
                        "/api/v1/ai/sentiment",
                        "/api/v1/ai/content",
                        "/api/v1/ai/optimization",
                        "/api/v1/ai/requests/{id}",
                        "/api/v1/admin/users");
        // the caller is resolved from the key, so the only documented parameter of a submission is the header
        assertThat(docs.body()
                        .at("/paths/~1api~1v1~1ai~1sentiment/post/parameters")
                        .findValuesAsString("name"))
                .containsExactly("Idempotency-Key");
        assertThat(docs.body().at("/components/securitySchemes/apiKey/scheme").asString())
                .isEqualTo("bearer");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }
}
