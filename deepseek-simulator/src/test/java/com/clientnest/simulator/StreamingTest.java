package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StreamingTest {

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator();

    @Test
    void streamsTheAnswerAsChunksEndingWithDoneAndUsageInTheLastChunk() {
        // Given a streaming request that asks for usage
        ObjectNode request =
                ChatRequests.optimisation("fresh bread every morning").put("stream", true);
        request.putObject("stream_options").put("include_usage", true);
        String whole = content(SimulatorHttp.json(running.http()
                .chat(ChatRequests.optimisation("fresh bread every morning").toString())
                .body()));
        running.simulator().reset();

        // When it is posted
        HttpResponse<String> response = running.http().chat(request.toString());

        // Then it is an event stream of chunks that add up to the whole answer, ending with [DONE]
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
        List<String> data = ServerSentEvents.data(response.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream()
                .map(SimulatorHttp::json)
                .toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.get("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").asString()).isEqualTo("deepseek-flash");
            assertThat(chunk.get("id").asString())
                    .isEqualTo(chunks.get(0).get("id").asString());
        });
        assertThat(chunks.get(0).get("choices").get(0).get("delta").get("role").asString())
                .isEqualTo("assistant");
        assertThat(chunks.stream()
                        .map(chunk -> chunk.get("choices")
                                .get(0)
                                .get("delta")
                                .path("content")
                                .asString())
                        .collect(Collectors.joining()))
                .isEqualTo(whole);
        JsonNode last = chunks.get(chunks.size() - 1);
        int promptTokens = Tokens.count(ChatRequests.parsed(request).promptText());
        int completionTokens = Tokens.count(whole);
        assertThat(last.get("choices").get(0).get("finish_reason").asString()).isEqualTo("stop");
        assertThat(last.get("usage")).isEqualTo(SimulatorHttp.json("""
                        {"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                         "prompt_tokens_details":{"cached_tokens":0},
                         "prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":%d}
                        """.formatted(
                        promptTokens, completionTokens, promptTokens + completionTokens, promptTokens)));
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
    }

    @Test
    void leavesUsageOutOfTheStreamUnlessAskedFor() {
        // Given a streaming request without stream_options
        ObjectNode request = ChatRequests.plain("Tell me about tea").put("stream", true);

        // When it is posted
        List<String> data =
                ServerSentEvents.data(running.http().chat(request.toString()).body());

        // Then no chunk carries usage
        assertThat(data.subList(0, data.size() - 1))
                .map(SimulatorHttp::json)
                .allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
    }

    @Test
    void endsACutStreamWithFinishReasonLength() {
        // Given a streaming request allowed three tokens
        ObjectNode request =
                ChatRequests.plain("Tell me about tea").put("stream", true).put("max_tokens", 3);

        // When it is posted
        List<String> data =
                ServerSentEvents.data(running.http().chat(request.toString()).body());

        // Then the stream carries twelve characters and stops for length
        JsonNode last = SimulatorHttp.json(data.get(data.size() - 2));
        assertThat(last.get("choices").get(0).get("finish_reason").asString()).isEqualTo("length");
        assertThat(data.subList(0, data.size() - 1).stream()
                        .map(SimulatorHttp::json)
                        .map(chunk -> chunk.get("choices")
                                .get(0)
                                .get("delta")
                                .path("content")
                                .asString())
                        .collect(Collectors.joining()))
                .hasSize(12);
    }

    private static String content(JsonNode completion) {
        return completion.get("choices").get(0).get("message").get("content").asString();
    }
}
