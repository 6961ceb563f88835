package com.clientnest.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class StatusIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DEV = GatewayIntegrationTest.DEV_USER_KEY;

    @LocalServerPort
    int port;

    @Autowired
    Topics topics;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    @Test
    void showsAQueuedRequestToItsOwner() {
        // Given
        String requestId = submitSentiment();

        // When
        Reply reply = api.get("/api/v1/ai/requests/" + requestId, DEV);

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(api.json("""
                        {"requestId": "%s", "type": "sentiment", "status": "QUEUED", "lane": "normal",
                         "createdAt": "%s"}""".formatted(
                        requestId, reply.body().get("createdAt").asString())));
    }

    @Test
    void showsTheWholeResultOnceTheWorkerHasCompletedTheRequest() {
        // Given
        String requestId = submitSentiment();

        // When the worker publishes its result
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, "dev"));

        // Then
        JsonNode status = awaitStatus(requestId, "COMPLETED");
        assertThat(status).isEqualTo(api.json("""
                        {"requestId": "%s", "type": "sentiment", "status": "COMPLETED", "lane": "normal",
                         "createdAt": "%s", "completedAt": "2026-11-03T10:15:30.123Z",
                         "result": {"sentiment": "negative", "confidence": 0.92,
                                    "emotions": ["frustration", "disappointment"], "urgency": "high",
                                    "suggestedResponseTone": "apologetic", "model": "deepseek-flash",
                                    "usage": {"promptTokens": 120, "completionTokens": 80, "totalTokens": 200,
                                              "promptCacheHitTokens": 100, "promptCacheMissTokens": 20},
                                    "cached": false}}""".formatted(
                        requestId, status.get("createdAt").asString())));
    }

    @Test
    void showsTheReasonOfAFailedRequestAndNeverOverwritesAFinalStatus() {
        // Given a request that failed
        String requestId = submitSentiment();
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.failed(requestId, "dev", false));
        JsonNode failed = awaitStatus(requestId, "FAILED");

        // When a late success and a replay of the failure arrive, followed by the result of a marker request
        // published under the same key, so on the same partition: once the marker is applied, so are they
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, "dev"));
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.failed(requestId, "dev", true));
        String marker = submitSentiment();
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.sentimentCompleted(marker, "dev"));
        awaitStatus(marker, "COMPLETED");

        // Then the first final status stands
        assertThat(failed).isEqualTo(api.json("""
                        {"requestId": "%s", "type": "sentiment", "status": "FAILED", "lane": "normal",
                         "createdAt": "%s", "completedAt": "2026-11-03T10:15:30.123Z",
                         "error": {"code": "retries_exhausted", "message": "The AI provider kept failing for this request"}}""".formatted(
                        requestId, failed.get("createdAt").asString())));
        assertThat(api.get("/api/v1/ai/requests/" + requestId, DEV).body()).isEqualTo(failed);
    }

    @Test
    void marksADeadLetteredFailureAsDeadLettered() {
        // Given
        String requestId = submitSentiment();

        // When
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.failed(requestId, "dev", true));

        // Then
        assertThat(awaitStatus(requestId, "DEAD_LETTERED").get("error")).isEqualTo(api.json("""
                        {"code": "retries_exhausted", "message": "The AI provider kept failing for this request"}"""));
    }

    @Test
    void marksARequestDeadLetteredFromTheDeadLetterTopicEvenWhenItsRecordCouldNotBeRead() {
        // Given a request whose lane record a worker could not read, so no result event will ever come
        String requestId = submitSentiment();

        // When the worker moves the record, as it was, to the dead-letter topic with its reason
        KafkaTestClients.publishRaw(
                topics.deadLetters().name(),
                requestId,
                "unreadable".getBytes(StandardCharsets.UTF_8),
                Map.of(
                        DeadLetterHeaders.REASON_CODE, "invalid_request",
                        DeadLetterHeaders.MESSAGE, "Not an Avro single-object message"));

        // Then
        JsonNode status = awaitStatus(requestId, "DEAD_LETTERED");
        assertThat(status).isEqualTo(api.json("""
                        {"requestId": "%s", "type": "sentiment", "status": "DEAD_LETTERED", "lane": "normal",
                         "createdAt": "%s", "completedAt": "%s",
                         "error": {"code": "invalid_request", "message": "The request could not be turned into a prompt"}}""".formatted(
                        requestId,
                        status.get("createdAt").asString(),
                        status.get("completedAt").asString())));
    }

    @Test
    void skipsAPoisonMessageAndKeepsApplyingResults() {
        // Given a record on the results topic that is not an event at all
        String requestId = submitSentiment();
        KafkaTestClients.publishRaw(topics.results().name(), requestId, "not avro".getBytes(StandardCharsets.UTF_8));

        // When a real result follows it on the same partition
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, "dev"));

        // Then
        assertThat(awaitStatus(requestId, "COMPLETED").get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void hidesARequestFromEveryoneButItsOwner() {
        // Given a request of the development user and another user
        String requestId = submitSentiment();
        Reply created = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "Other Agency", "tier": "business"}""");
        String otherKey = created.body().get("apiKey").asString();

        // When
        Reply reply = api.get("/api/v1/ai/requests/" + requestId, otherKey);

        // Then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void answersAnUnknownOrMalformedIdWithAProblem() {
        // When
        Reply unknown = api.get("/api/v1/ai/requests/5f0c7a8e-3f0b-4a7e-9d0b-7d1f2c3a4b5c", DEV);
        Reply malformed = api.get("/api/v1/ai/requests/not-a-uuid", DEV);

        // Then
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asString()).isEqualTo("not_found");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("code").asString()).isEqualTo("validation_failed");
    }

    private String submitSentiment() {
        Reply reply = api.post("/api/v1/ai/sentiment", DEV, """
                {"text": "Where is my parcel?"}""");
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("requestId").asString();
    }

    private JsonNode awaitStatus(String requestId, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> api.get("/api/v1/ai/requests/" + requestId, DEV).body(),
                        body -> status.equals(body.get("status").asString()));
    }
}
