package com.clientnest.gateway.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.LaneHeaders;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class DeadLetterDeskIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DEV = GatewayIntegrationTest.DEV_USER_KEY;
    private static final String ADMIN = GatewayIntegrationTest.ADMIN_KEY;

    @LocalServerPort
    int port;

    @Autowired
    Topics topics;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private String ops;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        Reply created = api.post("/api/v1/admin/users", ADMIN, """
                {"name": "Night shift", "tier": "free", "role": "ops"}""");
        assertThat(created.status()).isEqualTo(201);
        ops = created.body().get("apiKey").asString();
    }

    @Test
    void givenADeadLetteredRequest_whenOpsReplayIt_thenItIsQueuedOnItsLaneWithFreshQuotaAndCompletes() {
        // Given a request whose lane record a worker dead-lettered, and whose reservation was released for it
        String requestId = submitSentiment();
        ConsumerRecord<String, byte[]> laneRecord =
                awaitLaneRecords(requestId, 1).getFirst();
        DeadLetters.deadLetter(topics.deadLetters().name(), laneRecord, "retries_exhausted");
        awaitStatus(requestId, "DEAD_LETTERED");
        awaitReservation(requestId, "RELEASED");

        // When ops find it by reason, inspect it and replay it
        JsonNode listed = awaitListed("reason=retries_exhausted&type=sentiment&userId=dev", requestId);
        long id = listed.get("id").asLong();
        JsonNode detail = api.get("/api/v1/ops/dead-letters/" + id, ops).body();
        Reply replay = api.post("/api/v1/ops/dead-letters/" + id + "/replay", ops, "");

        // Then the letter was shown whole, with the decoded request and where it came from
        assertThat(listed).isEqualTo(api.json("""
                {"id": %d, "topic": "ai.requests.dlt", "state": "OPEN", "reasonCode": "retries_exhausted",
                 "message": "DeepSeek kept answering 503", "requestId": "%s", "userId": "dev", "type": "sentiment",
                 "originalTopic": "ai.requests.normal", "attempts": 4, "deadLetteredAt": "%s", "replayable": true}""".formatted(
                        id, requestId, listed.get("deadLetteredAt").asString())));
        assertThat(detail.get("summary")).isEqualTo(listed);
        assertThat(List.of(
                        detail.get("originalPartition").asInt(),
                        detail.get("originalOffset").asLong(),
                        detail.get("event").get("requestId").asString(),
                        detail.get("event")
                                .get("input")
                                .get("com.clientnest.schemas.events.SentimentInput")
                                .get("text")
                                .asString(),
                        detail.get("exceptionClass").asString()))
                .containsExactly(
                        laneRecord.partition(),
                        laneRecord.offset(),
                        requestId,
                        "Where is my parcel?",
                        "com.clientnest.worker.deepseek.DeepSeekException");
        // And the replay put the original bytes back on the lane with the replay header, the request to QUEUED,
        // and a fresh hold on the user's quota
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(api.json("""
                {"deadLetterId": %d, "requestId": "%s", "lane": "ai.requests.normal"}""".formatted(id, requestId)));
        assertThat(status(requestId).get("status").asString()).isEqualTo("QUEUED");
        ConsumerRecord<String, byte[]> replayed = awaitLaneRecords(requestId, 2).getLast();
        assertThat(replayed.value()).isEqualTo(laneRecord.value());
        assertThat(DeadLetters.header(replayed, LaneHeaders.REPLAY_OF)).isEqualTo(Long.toString(id));
        assertThat(reservation(requestId)).isEqualTo("RESERVED");

        // When it is replayed again
        Reply again = api.post("/api/v1/ops/dead-letters/" + id + "/replay", ops, "");

        // Then it is refused, and the audit shows the one replay by whom
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asString()).isEqualTo("already_replayed");
        JsonNode audit = api.get("/api/v1/ops/audit?deadLetterId=" + id, ops).body();
        assertThat(audit).hasSize(1);
        assertThat(List.of(
                        audit.get(0).get("action").asString(),
                        audit.get(0).get("actorName").asString(),
                        audit.get(0).get("requestId").asString()))
                .containsExactly("replay", "Night shift", requestId);

        // When the worker completes the replayed request
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, "dev"));

        // Then
        awaitStatus(requestId, "COMPLETED");
    }

    @Test
    void givenADeadLetteredRequest_whenOpsDiscardItWithANote_thenTheRequestFailsWithTheNoteAndNothingMoreCanBeDone() {
        // Given
        String requestId = submitSentiment();
        DeadLetters.deadLetter(
                topics.deadLetters().name(), awaitLaneRecords(requestId, 1).getFirst(), "deepseek_rejected");
        long id = awaitListed("reason=deepseek_rejected", requestId).get("id").asLong();

        // When
        Reply discarded = api.post("/api/v1/ops/dead-letters/" + id + "/discard", ops, """
                {"note": "Customer withdrew the request"}""");

        // Then
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(List.of(
                        discarded.body().get("summary").get("state").asString(),
                        discarded.body().get("handledBy").asString(),
                        discarded.body().get("note").asString()))
                .containsExactly("DISCARDED", "Night shift", "Customer withdrew the request");
        JsonNode request = awaitStatus(requestId, "FAILED");
        assertThat(request.get("error")).isEqualTo(api.json("""
                {"code": "discarded", "message": "Customer withdrew the request"}"""));
        assertThat(List.of(
                        problemCode(api.post("/api/v1/ops/dead-letters/" + id + "/replay", ops, "")),
                        problemCode(api.post("/api/v1/ops/dead-letters/" + id + "/discard", ops, """
                                {"note": "again"}""")),
                        problemCode(api.post("/api/v1/ops/dead-letters/" + id + "/discard", ops, """
                                {"note": ""}"""))))
                .containsExactly("409 already_discarded", "409 already_discarded", "400 validation_failed");
        JsonNode audit = api.get("/api/v1/ops/audit?deadLetterId=" + id, ops).body();
        assertThat(List.of(
                        audit.size(),
                        audit.get(0).get("action").asString(),
                        audit.get(0).get("note").asString()))
                .containsExactly(1, "discard", "Customer withdrew the request");
    }

    @Test
    void givenLettersOfOneOutage_whenOpsReplayByReason_thenEveryOpenOneIsReplayedOnce() {
        // Given two requests dead-lettered for the same (test-unique) reason
        String reason = "outage_" + UUID.randomUUID().toString().substring(0, 8);
        String first = submitSentiment();
        String second = submitSentiment();
        DeadLetters.deadLetter(
                topics.deadLetters().name(), awaitLaneRecords(first, 1).getFirst(), reason);
        DeadLetters.deadLetter(
                topics.deadLetters().name(), awaitLaneRecords(second, 1).getFirst(), reason);
        awaitListed("reason=" + reason, first);
        awaitListed("reason=" + reason, second);
        awaitStatus(first, "DEAD_LETTERED");
        awaitStatus(second, "DEAD_LETTERED");

        // When
        Reply bulk = api.post("/api/v1/ops/dead-letters/replay", ops, """
                {"reason": "%s"}""".formatted(reason));
        Reply repeated = api.post("/api/v1/ops/dead-letters/replay", ops, """
                {"reason": "%s"}""".formatted(reason));

        // Then
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.body().get("replayed").findValuesAsString("requestId"))
                .containsExactlyInAnyOrder(first, second);
        assertThat(bulk.body().get("refused")).isEmpty();
        assertThat(repeated.body()).isEqualTo(api.json("""
                {"replayed": [], "refused": []}"""));
        assertThat(List.of(
                        status(first).get("status").asString(),
                        status(second).get("status").asString()))
                .containsExactly("QUEUED", "QUEUED");
    }

    @Test
    void givenAResultWithANulInItsText_whenApplied_thenItIsDeadLetteredAndTheNextResultOnItsPartitionStillApplies() {
        // Given a result the database refuses (jsonb rejects \\u0000), and a marker request
        String poisoned = submitSentiment();
        String marker = submitSentiment();
        var poison = ResultEvents.sentimentCompleted(poisoned, "dev");
        poison.setResult(SentimentResult.newBuilder((SentimentResult) poison.getResult())
                .setSuggestedResponseTone("calm\u0000ly")
                .build());

        // When the poison result is published, then the marker's result under the same key, so on the same partition
        KafkaTestClients.publish(topics.results().name(), poisoned, poison);
        KafkaTestClients.publish(topics.results().name(), poisoned, ResultEvents.sentimentCompleted(marker, "dev"));

        // Then the marker's result applies, the poison one is on ai.results.dlt with the policy's reason, and the
        // poisoned request is untouched
        awaitStatus(marker, "COMPLETED");
        List<ConsumerRecord<String, byte[]>> letters =
                DeadLetters.rawRecordsWithKey(topics.resultsDeadLetters().name(), poisoned);
        assertThat(letters).hasSize(1);
        assertThat(List.of(
                        DeadLetters.header(letters.getFirst(), DeadLetterHeaders.REASON_CODE),
                        DeadLetters.header(letters.getFirst(), DeadLetterHeaders.ORIGINAL_TOPIC)))
                .containsExactly("rejected_by_database", "ai.results");
        assertThat(status(poisoned).get("status").asString()).isEqualTo("QUEUED");

        // And the desk lists it, says why it cannot be replayed, and refuses a replay with a stable code
        JsonNode listed = awaitListed("topic=ai.results.dlt", poisoned);
        long id = listed.get("id").asLong();
        assertThat(List.of(
                        listed.get("reasonCode").asString(),
                        listed.get("replayable").asBoolean()))
                .containsExactly("rejected_by_database", false);
        assertThat(api.get("/api/v1/ops/dead-letters/" + id, ops)
                        .body()
                        .get("notReplayableBecause")
                        .asString())
                .startsWith("Only letters of ai.requests.dlt can be replayed");
        assertThat(problemCode(api.post("/api/v1/ops/dead-letters/" + id + "/replay", ops, "")))
                .isEqualTo("409 not_replayable");
    }

    @Test
    void givenAUsageEventTheCostServiceDeadLettered_thenTheDeskListsItUnderItsTopicAndOnlyADiscardIsAllowed() {
        // Given a usage letter as the cost service writes it: keyed by user, the event's bytes, why and whence
        String userId = "user-" + UUID.randomUUID();
        KafkaTestClients.publishRaw(
                topics.usageDeadLetters().name(),
                userId,
                new byte[] {0, 1, 2},
                Map.of(
                        DeadLetterHeaders.REASON_CODE, "undecodable",
                        DeadLetterHeaders.MESSAGE, "Not an Avro single-object message",
                        DeadLetterHeaders.ORIGINAL_TOPIC, topics.usage().name(),
                        DeadLetterHeaders.ORIGINAL_PARTITION, "1",
                        DeadLetterHeaders.ORIGINAL_OFFSET, "42",
                        DeadLetterHeaders.ATTEMPTS, "1"));

        // When ops look for the user's letters, try to replay the one found, then discard it
        JsonNode listed = await().atMost(PATIENCE)
                .until(
                        () -> api.get("/api/v1/ops/dead-letters?topic=ai.usage.dlt&userId=" + userId, ops)
                                .body()
                                .get("deadLetters"),
                        letters -> letters.size() == 1)
                .get(0);
        long id = listed.get("id").asLong();
        String replay = problemCode(api.post("/api/v1/ops/dead-letters/" + id + "/replay", ops, ""));
        Reply discard = api.post("/api/v1/ops/dead-letters/" + id + "/discard", ops, """
                {"note": "Billing fixed by hand"}""");

        // Then
        assertThat(listed).isEqualTo(api.json("""
                {"id": %d, "topic": "ai.usage.dlt", "state": "OPEN", "reasonCode": "undecodable",
                 "message": "Not an Avro single-object message", "requestId": null, "userId": "%s", "type": null,
                 "originalTopic": "ai.usage", "attempts": 1, "deadLetteredAt": "%s", "replayable": false}""".formatted(
                        id, userId, listed.get("deadLetteredAt").asString())));
        assertThat(replay).isEqualTo("409 not_replayable");
        assertThat(List.of(
                        discard.status(),
                        discard.body().get("summary").get("state").asString()))
                .containsExactly(200, "DISCARDED");
    }

    @Test
    void onlyOpsAndAdminReachTheDesk() {
        // When each kind of caller lists the dead letters
        Map<String, Integer> statuses = Map.of(
                "anonymous", api.get("/api/v1/ops/dead-letters", null).status(),
                "user", api.get("/api/v1/ops/dead-letters", DEV).status(),
                "ops", api.get("/api/v1/ops/dead-letters", ops).status(),
                "admin", api.get("/api/v1/ops/dead-letters", ADMIN).status());

        // Then
        assertThat(statuses).isEqualTo(Map.of("anonymous", 401, "user", 403, "ops", 200, "admin", 200));
        // And an ops user submits nothing, and no role but user or ops can be given
        assertThat(api.post("/api/v1/ai/sentiment", ops, """
                        {"text": "hello"}""").status()).isEqualTo(403);
        assertThat(problemCode(api.post("/api/v1/admin/users", ADMIN, """
                        {"name": "Mallory", "tier": "free", "role": "admin"}"""))).isEqualTo("400 validation_failed");
    }

    @Test
    void documentsTheDeskInTheOpenApiDocument() {
        // When
        JsonNode docs = api.get("/v3/api-docs", null).body();

        // Then every desk endpoint is there, and the caller is no documented parameter of a replay
        assertThat(docs.get("paths").propertyNames())
                .contains(
                        "/api/v1/ops/dead-letters",
                        "/api/v1/ops/dead-letters/{id}",
                        "/api/v1/ops/dead-letters/{id}/replay",
                        "/api/v1/ops/dead-letters/replay",
                        "/api/v1/ops/dead-letters/{id}/discard",
                        "/api/v1/ops/audit");
        assertThat(docs.at("/paths/~1api~1v1~1ops~1dead-letters~1{id}~1replay/post/parameters")
                        .findValuesAsString("name"))
                .containsExactly("id");
        assertThat(docs.at("/paths/~1api~1v1~1ops~1dead-letters~1{id}~1replay/post/responses/409/description")
                        .asString())
                .isEqualTo("already_replayed, already_discarded or not_replayable");
    }

    @Test
    void pagesThroughTheListWithACursorNewestFirst() {
        // Given three letters of one reason
        String reason = "paging_" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            String requestId = submitSentiment();
            DeadLetters.deadLetter(
                    topics.deadLetters().name(), awaitLaneRecords(requestId, 1).getFirst(), reason);
        }
        await().atMost(PATIENCE)
                .until(() -> api.get("/api/v1/ops/dead-letters?reason=" + reason, ops)
                                .body()
                                .get("deadLetters")
                                .size()
                        == 3);

        // When
        JsonNode first = api.get("/api/v1/ops/dead-letters?limit=2&reason=" + reason, ops)
                .body();
        JsonNode second = api.get(
                        "/api/v1/ops/dead-letters?limit=2&reason=" + reason + "&cursor="
                                + first.get("nextCursor").asString(),
                        ops)
                .body();
        JsonNode all = api.get("/api/v1/ops/dead-letters?reason=" + reason, ops).body();

        // Then
        assertThat(List.of(
                        first.get("deadLetters").size(),
                        second.get("deadLetters").size()))
                .containsExactly(2, 1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(List.of(
                        first.get("deadLetters").get(0),
                        first.get("deadLetters").get(1),
                        second.get("deadLetters").get(0)))
                .containsExactly(
                        all.get("deadLetters").get(0),
                        all.get("deadLetters").get(1),
                        all.get("deadLetters").get(2));
        assertThat(problemCode(api.get("/api/v1/ops/dead-letters?cursor=nonsense", ops)))
                .isEqualTo("400 validation_failed");
    }

    private String submitSentiment() {
        Reply reply = api.post("/api/v1/ai/sentiment", DEV, """
                {"text": "Where is my parcel?"}""");
        assertThat(reply.status()).isEqualTo(202);
        return reply.body().get("requestId").asString();
    }

    private List<ConsumerRecord<String, byte[]>> awaitLaneRecords(String requestId, int count) {
        return await().atMost(PATIENCE)
                .until(
                        () -> DeadLetters.rawRecordsWithKey(
                                topics.lanes().get(1).name(), requestId),
                        records -> records.size() >= count);
    }

    private JsonNode awaitListed(String query, String requestId) {
        return await().atMost(PATIENCE).until(() -> listedLetter(query, requestId), letter -> letter != null);
    }

    private JsonNode listedLetter(String query, String requestId) {
        for (JsonNode letter : api.get("/api/v1/ops/dead-letters?limit=200&" + query, ops)
                .body()
                .get("deadLetters")) {
            if (requestId.equals(letter.get("requestId").asString())) {
                return letter;
            }
        }
        return null;
    }

    private JsonNode status(String requestId) {
        return api.get("/api/v1/ai/requests/" + requestId, DEV).body();
    }

    private JsonNode awaitStatus(String requestId, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> status(requestId),
                        body -> status.equals(body.get("status").asString()));
    }

    private String reservation(String requestId) {
        return jdbc.sql("SELECT status FROM cost.reservations WHERE request_id = :id")
                .param("id", requestId)
                .query(String.class)
                .single();
    }

    private void awaitReservation(String requestId, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(reservation(requestId)));
    }

    private static String problemCode(Reply reply) {
        return reply.status() + " "
                + (reply.body() == null
                        ? reply.text()
                        : reply.body().get("code").asString());
    }
}
