package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ChatCompletionsWireFormatTest {

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator();

    @Test
    void answersAChatCompletionInDeepSeeksWireFormat() {
        // Given the seed's sentiment request
        ObjectNode request = ChatRequests.sentiment("I love this app");
        long before = Instant.now().getEpochSecond();

        // When it is posted
        HttpResponse<String> response = running.http().chat(request.toString());

        // Then the whole body is a chat.completion with DeepSeek's usage fields
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        ObjectNode body = (ObjectNode) SimulatorHttp.json(response.body());
        assertThat(body.remove("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(body.remove("created").asLong())
                .isBetween(before, Instant.now().getEpochSecond());
        String content = expectedContent(request);
        int promptTokens = Tokens.count(ChatRequests.parsed(request).promptText());
        int completionTokens = Tokens.count(content);
        ObjectNode expected = (ObjectNode) SimulatorHttp.json(
                """
                {"object":"chat.completion","model":"deepseek-flash",
                 "choices":[{"index":0,"message":{"role":"assistant","content":""},"logprobs":null,
                             "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                          "prompt_tokens_details":{"cached_tokens":0},
                          "prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":%d},
                 "system_fingerprint":"fp_deepseek_simulator"}
                """.formatted(promptTokens, completionTokens, promptTokens + completionTokens, promptTokens));
        ((ObjectNode) expected.get("choices").get(0).get("message")).put("content", content);
        assertThat(body).isEqualTo(expected);
        assertThat(SimulatorHttp.json(content).get("sentiment").asString()).isEqualTo("positive");
    }

    @Test
    void servesTheSameEndpointUnderV1() {
        // Given a plain request
        String request = ChatRequests.plain("Hello").toString();

        // When it is posted under /v1
        HttpResponse<String> response = running.http().post("/v1/chat/completions", request, SimulatorHttp.KEY);

        // Then it is answered like the unprefixed path
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimulatorHttp.json(response.body())
                        .get("choices")
                        .get(0)
                        .get("message")
                        .get("content")
                        .asString())
                .isEqualTo(SimulatorHttp.json(running.http().chat(request).body())
                        .get("choices")
                        .get(0)
                        .get("message")
                        .get("content")
                        .asString());
    }

    @Test
    void countsARepeatedPromptPrefixAsCacheHitsInBlocksOf64Tokens() {
        // Given a request answered once
        ObjectNode request = ChatRequests.sentiment("I love this app");
        running.http().chat(request.toString());

        // When the same prompt comes again
        JsonNode usage = SimulatorHttp.json(
                        running.http().chat(request.toString()).body())
                .get("usage");

        // Then its whole 64-token blocks are billed as cache hits and the rest as misses
        int promptTokens = Tokens.count(ChatRequests.parsed(request).promptText());
        int hits = promptTokens / 64 * 64;
        assertThat(hits).isPositive();
        assertThat(usage.get("prompt_cache_hit_tokens").asInt()).isEqualTo(hits);
        assertThat(usage.get("prompt_cache_miss_tokens").asInt()).isEqualTo(promptTokens - hits);
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").asInt())
                .isEqualTo(hits);
    }

    @Test
    void cutsTheAnswerAtMaxTokensWithFinishReasonLength() {
        // Given the seed's sentiment request allowed only ten tokens
        ObjectNode request = ChatRequests.sentiment("I love this app").put("max_tokens", 10);

        // When it is posted
        JsonNode body =
                SimulatorHttp.json(running.http().chat(request.toString()).body());

        // Then the content is cut to forty characters (no longer valid JSON, as from the real model)
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("finish_reason").asString()).isEqualTo("length");
        assertThat(choice.get("message").get("content").asString()).hasSize(40);
        assertThat(body.get("usage").get("completion_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void listsTheConfiguredModels() {
        // When the models are listed
        HttpResponse<String> response = running.http()
                .send(running.http()
                        .request("/models")
                        .header("Authorization", "Bearer k")
                        .GET()
                        .build());

        // Then both configured models are there
        assertThat(SimulatorHttp.json(response.body())).isEqualTo(SimulatorHttp.json("""
                        {"object":"list","data":[
                          {"id":"deepseek-flash","object":"model","owned_by":"deepseek"},
                          {"id":"deepseek-v4-pro","object":"model","owned_by":"deepseek"}]}
                        """));
    }

    @Test
    void answersUnknownPathsWith404AndWrongMethodsWith405() {
        assertThat(running.http().get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(running.http().get("/chat/completions").statusCode()).isEqualTo(405);
    }

    private static String expectedContent(ObjectNode request) {
        return new CompletionFactory(SimulatorHttp.JSON, new PromptCache(10))
                .complete(ChatRequests.parsed(request), false)
                .content();
    }
}
