package com.clientnest.local.spending;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.simulator.LatencyProfile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What saves DeepSeek calls, on the whole suite, with the simulator's call count as the evidence: a repeat is answered
 * at once from the cache with no call and billed nothing, an expired answer is asked for again, a creative temperature
 * never uses the cache, and identical requests in flight together make one call.
 */
class SpendingIT {

    /** Content answers live this long here (1 h by default), so a test can outlive one. */
    private static final Duration CONTENT_TTL = Duration.ofSeconds(4);

    private static Infrastructure infrastructure;
    private static LocalStack stack;
    private static SuiteClient suite;

    @BeforeAll
    static void startSuite() {
        infrastructure = SharedTestInfrastructure.get();
        // System properties reach the in-JVM services' configuration without changing the stack's launch; they are
        // cleared once it runs so that no other test class of this JVM sees them.
        System.setProperty("clientnest.gateway.cache.content.ttl", CONTENT_TTL.toMillis() + "ms");
        try {
            stack = LocalStack.start(LocalStackSettings.forTests(), infrastructure);
        } finally {
            System.clearProperty("clientnest.gateway.cache.content.ttl");
        }
        suite = new SuiteClient(stack, infrastructure);
    }

    @AfterAll
    static void stopSuite() {
        stack.close();
    }

    @Test
    void givenAnAnsweredCommentWhenAnyoneAsksItsSentimentAgainThenTheCacheAnswersAtOnceWithoutACallAndFree()
            throws Exception {
        // Given one user's sentiment request answered by DeepSeek
        String alice = suite.newUser("professional");
        String bob = suite.newUser("starter");
        String text = "The new dashboard is lovely, thank you " + UUID.randomUUID();
        JsonNode first = suite.post(alice, "/api/v1/ai/sentiment", "{\"text\":\"" + text + "\"}");
        assertThat(first.path("status").asString()).isEqualTo("QUEUED");
        JsonNode answered = suite.awaitFinal(alice, first.path("requestId").asString());
        long callsBefore = stack.simulator().stats().totalCalls();

        // When the same comment, spaced differently, is asked again by the same user and by another
        JsonNode repeat =
                suite.post(alice, "/api/v1/ai/sentiment", "{\"text\":\"  " + text.replace(" ", "   ") + "\"}");
        JsonNode others = suite.post(bob, "/api/v1/ai/sentiment", "{\"text\":\"" + text + "\"}");

        // Then both are COMPLETED in the 202 itself, with the first answer, cached and with no tokens
        for (JsonNode hit : List.of(repeat, others)) {
            assertThat(List.of(
                            hit.path("status").asString(),
                            hit.path("cached").asBoolean(),
                            hit.path("estimatedWaitSeconds").asInt(),
                            hit.path("result").path("sentiment").asString(),
                            hit.path("result").path("cached").asBoolean(),
                            hit.path("result").path("usage").path("totalTokens").asInt()))
                    .containsExactly(
                            "COMPLETED",
                            true,
                            0,
                            answered.path("result").path("sentiment").asString(),
                            true,
                            0);
        }
        // And DeepSeek was not called again
        assertThat(stack.simulator().stats().totalCalls()).isEqualTo(callsBefore);
        // And the status reads the same
        JsonNode status = suite.get(
                alice, "/api/v1/ai/requests/" + repeat.path("requestId").asString());
        assertThat(status.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(status.path("result").path("cached").asBoolean()).isTrue();
        // And the ledger has each hit as usage with cacheHit, 0 tokens and cost 0, and nothing still reserved
        for (JsonNode hit : List.of(repeat, others)) {
            SuiteClient.UsageRow row = suite.awaitUsageRow(hit.path("requestId").asString());
            assertThat(row).isEqualTo(new SuiteClient.UsageRow(true, 0, new BigDecimal("0.0000000000")));
        }
        assertThat(suite.awaitSettled(bob, "sentimentAnalysis").path("used").asInt())
                .as("a hit counts against the month's requests (clientnest.cost.usage.cache-hits-count-as-requests)")
                .isEqualTo(1);
    }

    @Test
    void givenACachedContentAnswerWhenItsTtlHasPassedThenTheNextRequestCallsDeepSeekAgain() throws Exception {
        // Given a content answer in the cache
        String alice = suite.newUser("professional");
        String body = "{\"prompt\":\"Announce our spring sale " + UUID.randomUUID()
                + "\",\"platform\":\"instagram\",\"contentType\":\"caption\"}";
        JsonNode first = suite.post(alice, "/api/v1/ai/content", body);
        suite.awaitFinal(alice, first.path("requestId").asString());
        long callsAnswered = stack.simulator().stats().totalCalls();
        assertThat(suite.post(alice, "/api/v1/ai/content", body).path("cached").asBoolean())
                .isTrue();

        // When its TTL has passed
        Thread.sleep(CONTENT_TTL.plusMillis(500).toMillis());
        JsonNode afterExpiry = suite.post(alice, "/api/v1/ai/content", body);

        // Then the request goes on its lane and DeepSeek is called once more
        assertThat(afterExpiry.path("status").asString()).isEqualTo("QUEUED");
        assertThat(afterExpiry.has("cached")).isFalse();
        suite.awaitFinal(alice, afterExpiry.path("requestId").asString());
        assertThat(stack.simulator().stats().totalCalls()).isEqualTo(callsAnswered + 1);
    }

    @Test
    void givenContentAnsweredForOneUserWhenAnotherOrACreativeTemperatureAsksThenDeepSeekIsCalledForEach()
            throws Exception {
        // Given a content answer in alice's cache
        String alice = suite.newUser("professional");
        String bob = suite.newUser("professional");
        String prompt = "Tease our new logo " + UUID.randomUUID();
        String body = "{\"prompt\":\"" + prompt + "\",\"platform\":\"twitter\",\"contentType\":\"post\"}";
        suite.awaitFinal(
                alice,
                suite.post(alice, "/api/v1/ai/content", body).path("requestId").asString());
        long callsBefore = stack.simulator().stats().totalCalls();

        // When bob asks the same, and alice asks it twice with a temperature above the threshold
        String creative = "{\"prompt\":\"" + prompt + "\",\"platform\":\"twitter\",\"contentType\":\"post\","
                + "\"temperature\":1.3}";
        List<JsonNode> answers = List.of(
                suite.post(bob, "/api/v1/ai/content", body),
                suite.post(alice, "/api/v1/ai/content", creative),
                suite.post(alice, "/api/v1/ai/content", creative));

        // Then none is answered from the cache: three calls
        assertThat(answers)
                .extracting(answer -> answer.path("status").asString())
                .containsExactly("QUEUED", "QUEUED", "QUEUED");
        suite.awaitFinal(bob, answers.get(0).path("requestId").asString());
        suite.awaitFinal(alice, answers.get(1).path("requestId").asString());
        suite.awaitFinal(alice, answers.get(2).path("requestId").asString());
        assertThat(stack.simulator().stats().totalCalls()).isEqualTo(callsBefore + 3);
    }

    @Test
    void givenTenIdenticalRequestsAtOnceThenDeepSeekIsCalledOnceAndEachCallerGetsTheAnswerUnderTheirOwnId()
            throws Exception {
        // Given ten users, and DeepSeek slow enough that the first request is still in flight when the others come
        List<String> users = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(suite.newUser("business"));
        }
        String body = "{\"text\":\"Our order arrived broken, again " + UUID.randomUUID() + "\"}";
        long callsBefore = stack.simulator().stats().totalCalls();
        LatencyProfile usual = stack.simulator().latency();
        stack.simulator().latency(LatencyProfile.of(2000, 2500));
        List<JsonNode> accepted;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            // When all ten ask the sentiment of the same comment at once
            List<CompletableFuture<JsonNode>> sent = users.stream()
                    .map(user -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return suite.post(user, "/api/v1/ai/sentiment", body);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            senders))
                    .toList();
            accepted = sent.stream().map(CompletableFuture::join).toList();
        }

        // Then each has a request id of their own, and all ten complete with one answer
        assertThat(accepted.stream().map(a -> a.path("requestId").asString()).distinct())
                .hasSize(10);
        List<JsonNode> done = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            done.add(suite.awaitFinal(
                    users.get(i), accepted.get(i).path("requestId").asString()));
        }
        stack.simulator().latency(usual);
        assertThat(done.stream().map(d -> d.path("status").asString()).distinct())
                .containsExactly("COMPLETED");
        assertThat(done.stream()
                        .map(d -> d.path("result").path("sentiment").asString() + "/"
                                + d.path("result").path("confidence").asString())
                        .distinct())
                .hasSize(1);
        // And one of them called DeepSeek, once; the other nine were billed as cache hits
        assertThat(stack.simulator().stats().totalCalls()).isEqualTo(callsBefore + 1);
        assertThat(done.stream().filter(d -> d.path("result").path("cached").asBoolean()))
                .hasSize(9);
        long hits = 0;
        for (JsonNode request : accepted) {
            if (suite.awaitUsageRow(request.path("requestId").asString()).cacheHit()) {
                hits++;
            }
        }
        assertThat(hits).isEqualTo(9);
    }
}
