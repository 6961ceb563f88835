package com.clientnest.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.EventStream;
import com.clientnest.gateway.support.EventStream.Event;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.gateway.support.SecondGateway;
import com.clientnest.schemas.events.AiStarted;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class RequestEventsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
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
    void givenAQueuedRequestWhenItsOwnerFollowsItThenEachStatusArrivesThenTheResultAndTheStreamEnds() {
        // Given
        String requestId = submit();
        EventStream stream = EventStream.open(port, "/api/v1/ai/requests/" + requestId + "/events", DEV);
        await().atMost(PATIENCE).until(() -> stream.events().size() == 1);

        // When a worker starts it, then completes it
        KafkaTestClients.publish(topics.started().name(), requestId, started(requestId));
        await().atMost(PATIENCE).until(() -> stream.events().size() == 2);
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, "dev"));

        // Then
        await().atMost(PATIENCE).until(stream::hasEnded);
        assertThat(stream.status()).isEqualTo(200);
        List<Event> events = stream.events();
        assertThat(events).extracting(Event::name).containsExactly("status", "status", "status", "result");
        assertThat(events.subList(0, 3))
                .extracting(event -> api.json(event.data()))
                .containsExactly(
                        status(requestId, "QUEUED"), status(requestId, "PROCESSING"), status(requestId, "COMPLETED"));
        JsonNode result = api.json(events.get(3).data());
        assertThat(result)
                .isEqualTo(api.get("/api/v1/ai/requests/" + requestId, DEV).body());
        assertThat(result.get("result").get("sentiment").asString()).isEqualTo("negative");
    }

    @Test
    void givenAQueuedRequestWithNothingToSayWhenItsStreamStaysQuietThenKeepAliveCommentsKeepItOpen() {
        // Given a followed request nobody works on (heartbeat 1 s in these tests)
        String requestId = submit();
        EventStream stream = EventStream.open(port, "/api/v1/ai/requests/" + requestId + "/events", DEV);

        // When the stream has been quiet for a few heartbeats
        await().atMost(PATIENCE).until(() -> stream.comments().size() >= 2);

        // Then it carried comments only, no event beyond the first status, and it is still open
        assertThat(stream.comments()).allMatch("keep-alive"::equals);
        assertThat(stream.events()).extracting(Event::name).containsExactly("status");
        assertThat(stream.hasEnded()).isFalse();
        api.delete("/api/v1/ai/requests/" + requestId, DEV);
        await().atMost(PATIENCE).until(stream::hasEnded);
    }

    @Test
    void givenAFinishedRequestWhenFollowedThenItsStatusAndResultArriveAtOnceAndTheStreamEnds() {
        // Given
        String requestId = submit();
        api.delete("/api/v1/ai/requests/" + requestId, DEV);

        // When
        EventStream stream = EventStream.open(port, "/api/v1/ai/requests/" + requestId + "/events", DEV);

        // Then
        await().atMost(PATIENCE).until(stream::hasEnded);
        assertThat(stream.events()).extracting(Event::name).containsExactly("status", "result");
        assertThat(api.json(stream.events().get(0).data())).isEqualTo(status(requestId, "CANCELLED"));
        assertThat(api.json(stream.events().get(1).data()).get("status").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void givenTwoGatewaysWhenARequestIsFollowedOnTheOtherOneThenItSeesTheResultToo() {
        // Given a request followed on a second gateway instance
        String requestId = submit();
        try (SecondGateway second = SecondGateway.start()) {
            EventStream stream = EventStream.open(second.port(), "/api/v1/ai/requests/" + requestId + "/events", DEV);
            await().atMost(PATIENCE).until(() -> stream.events().size() == 1);

            // When its result is published (and applied by whichever instance the shared group gives it to)
            KafkaTestClients.publish(
                    topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, "dev"));

            // Then
            await().atMost(PATIENCE).until(stream::hasEnded);
            assertThat(stream.events()).extracting(Event::name).containsExactly("status", "status", "result");
            assertThat(api.json(stream.events().get(1).data())).isEqualTo(status(requestId, "COMPLETED"));
        }
    }

    @Test
    void givenNoKeyOrAnUnknownRequestWhenFollowedThenItIsAProblemNotAStream() {
        // When
        Reply anonymous = api.get("/api/v1/ai/requests/" + UUID.randomUUID() + "/events", null);
        Reply unknown = api.get("/api/v1/ai/requests/" + UUID.randomUUID() + "/events", DEV);

        // Then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("code").asString()).isEqualTo("not_found");
    }

    private JsonNode status(String requestId, String status) {
        return api.json("""
                {"requestId": "%s", "status": "%s"}""".formatted(requestId, status));
    }

    private String submit() {
        Reply reply = api.post("/api/v1/ai/sentiment", DEV, "{\"text\": \"Follow me\"}");
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("requestId").asString();
    }

    private static AiStarted started(String requestId) {
        return AiStarted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setRequestId(requestId)
                .setUserId("dev")
                .build();
    }
}
