package com.clientnest.gateway.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@GatewayIntegrationTest
class InputHardeningIT {

    private static final String DEV = GatewayIntegrationTest.DEV_USER_KEY;
    private static final int LIMIT = 64 * 1024;

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
    void givenANulInAnyTextFieldOfAnyEndpointWhenSubmittedThenItIs400NamingTheFieldAndNothingIsStored() {
        // Given a NUL (escaped in JSON) in each text field of each endpoint
        Map<String, String> bodies = Map.of(
                "/api/v1/ai/sentiment|text", """
                        {"text": "a\\u0000b"}""",
                "/api/v1/ai/sentiment|context", """
                        {"text": "fine", "context": "x\\u0000"}""",
                "/api/v1/ai/content|prompt", """
                        {"prompt": "\\u0000", "platform": "twitter", "contentType": "post"}""",
                "/api/v1/ai/optimization|content", """
                        {"content": "ab\\u0007", "platform": "twitter", "optimizationType": "reach"}""");
        long before = requestCount();

        bodies.forEach((target, body) -> {
            String path = target.substring(0, target.indexOf('|'));
            String field = target.substring(target.indexOf('|') + 1);

            // When
            Reply reply = api.post(path, DEV, body);

            // Then
            assertThat(reply.status()).as(target).isEqualTo(400);
            assertThat(reply.body()).as(target).isEqualTo(api.json("""
                    {"instance": "%s", "title": "Bad Request", "status": 400,
                     "detail": "'%s' contains a control character or invalid Unicode", "code": "validation_failed",
                     "errors": [{"field": "%s", "message": "contains a control character or invalid Unicode"}]}""".formatted(path, field, field)));
        });
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void givenAnUnpairedSurrogateWhenSubmittedThenItIs400() {
        // When
        Reply reply = api.post("/api/v1/ai/sentiment", DEV, """
                {"text": "broken \\ud800 half"}""");

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asString()).isEqualTo("validation_failed");
        assertThat(reply.body().get("errors")).isEqualTo(api.json("""
                [{"field": "text", "message": "contains a control character or invalid Unicode"}]"""));
    }

    @Test
    void givenBytesThatAreNotUtf8WhenSubmittedThenItIs400() {
        // Given a body with a byte sequence no UTF-8 decoder accepts
        byte[] body = "{\"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        // When
        Reply reply = api.raw("POST", "/api/v1/ai/sentiment", DEV, body, Map.of("Content-Type", "application/json"));

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void givenAMisspeltFieldWhenSubmittedThenItIs400NamingTheField() {
        // When
        Reply reply = api.post("/api/v1/ai/sentiment", DEV, """
                {"text": "Where is my parcel?", "urgnt": true}""");

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(api.json("""
                {"instance": "/api/v1/ai/sentiment", "title": "Bad Request", "status": 400,
                 "detail": "'urgnt' is not a known field", "code": "validation_failed",
                 "errors": [{"field": "urgnt", "message": "is not a known field"}]}"""));
    }

    @Test
    void givenUrgentOnASentimentRequestWhenSubmittedThenItsScoreGainsTheBonus() {
        // Given professional (60) + sentiment (10) + urgent (50) = 120, the high lane
        // When
        Reply reply = api.post("/api/v1/ai/sentiment", DEV, """
                {"text": "The app is down for all our customers", "urgent": true}""");

        // Then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().get("lane").asString()).isEqualTo("high");
        assertThat(scoreOf(reply)).isEqualTo(120);
    }

    @Test
    void givenUrgentOnAnOptimizationRequestWhenSubmittedThenItsScoreGainsTheBonus() {
        // When professional (60) + optimisation (5) + urgent (50) = 115
        Reply reply = api.post("/api/v1/ai/optimization", DEV, """
                {"content": "Buy now", "platform": "twitter", "optimizationType": "reach", "urgent": true}""");

        // Then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(scoreOf(reply)).isEqualTo(115);
    }

    @Test
    void givenABodyDeclaredLargerThanTheLimitWhenPostedThenItIs413BeforeBeingRead() {
        // Given
        byte[] body = sentimentOfSize(LIMIT + 1);

        // When
        Reply reply = api.raw("POST", "/api/v1/ai/sentiment", DEV, body, Map.of("Content-Type", "application/json"));

        // Then
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).isEqualTo(api.json("""
                {"instance": "/api/v1/ai/sentiment", "title": "Content Too Large", "status": 413,
                 "detail": "The request body is larger than the limit of 65536 bytes",
                 "code": "payload_too_large", "limit": 65536}"""));
    }

    @Test
    void givenAChunkedBodyLargerThanTheLimitWhenPostedThenItIs413() {
        // Given a body with no Content-Length, so only reading it can tell its size
        byte[] body = sentimentOfSize(LIMIT * 4);

        // When
        Reply reply = api.postChunked("/api/v1/ai/sentiment", DEV, body);

        // Then
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo(api.json("""
                {"instance": "/api/v1/ai/sentiment", "title": "Content Too Large", "status": 413,
                 "detail": "The request body is larger than the limit of 65536 bytes",
                 "code": "payload_too_large", "limit": 65536}"""));
    }

    @Test
    void givenAChunkedBodyWithinTheLimitWhenPostedThenItIsAccepted() {
        // When
        Reply reply = api.postChunked(
                "/api/v1/ai/sentiment", DEV, "{\"text\": \"chunked but small\"}".getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(reply.status()).isEqualTo(202);
    }

    @Test
    void givenAnIdempotencyKeyWhenTheSameBodyIsRepeatedWithOtherSpacingThenTheFirstAnswerComesBack() {
        // Given
        String key = UUID.randomUUID().toString();
        Reply first = api.post(
                "/api/v1/ai/sentiment",
                DEV,
                "{\"text\": \"same\", \"context\": \"review\"}",
                Map.of("Idempotency-Key", key));

        // When
        Reply repeat = api.post(
                "/api/v1/ai/sentiment",
                DEV,
                "{ \"context\":\"review\",\n \"text\":\"same\" }",
                Map.of("Idempotency-Key", key));

        // Then
        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
    }

    @Test
    void givenAnIdempotencyKeyWhenReusedWithAnotherBodyThenItIs422AndNothingIsQueued() {
        // Given
        String key = UUID.randomUUID().toString();
        Reply first = api.post("/api/v1/ai/sentiment", DEV, "{\"text\": \"first\"}", Map.of("Idempotency-Key", key));
        long before = requestCount();

        // When
        Reply reused = api.post("/api/v1/ai/sentiment", DEV, "{\"text\": \"second\"}", Map.of("Idempotency-Key", key));

        // Then
        assertThat(first.status()).isEqualTo(202);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body()).isEqualTo(api.json("""
                {"instance": "/api/v1/ai/sentiment", "title": "Unprocessable Content", "status": 422,
                 "detail": "This Idempotency-Key was already used for a different request; use a new key for a new request",
                 "code": "idempotency_key_reused"}"""));
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void givenAnIdempotencyKeyWhenReusedOnAnotherEndpointThenItIs422() {
        // Given
        String key = UUID.randomUUID().toString();
        api.post("/api/v1/ai/sentiment", DEV, "{\"text\": \"first\"}", Map.of("Idempotency-Key", key));

        // When
        Reply reused = api.post(
                "/api/v1/ai/optimization",
                DEV,
                "{\"content\": \"first\", \"platform\": \"twitter\", \"optimizationType\": \"reach\"}",
                Map.of("Idempotency-Key", key));

        // Then
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body().get("code").asString()).isEqualTo("idempotency_key_reused");
    }

    private static byte[] sentimentOfSize(int size) {
        String prefix = "{\"text\": \"";
        String suffix = "\"}";
        return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
                .getBytes(StandardCharsets.UTF_8);
    }

    private int scoreOf(Reply reply) {
        return jdbc.sql("SELECT priority_score FROM ai_requests WHERE id = :id")
                .param("id", UUID.fromString(reply.body().get("requestId").asString()))
                .query(Integer.class)
                .single();
    }

    private long requestCount() {
        return jdbc.sql("SELECT count(*) FROM ai_requests WHERE user_id = 'dev'")
                .query(Long.class)
                .single();
    }
}
