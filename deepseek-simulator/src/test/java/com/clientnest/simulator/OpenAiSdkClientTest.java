package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The wire format checked by a client nobody here wrote: the official OpenAI Java SDK, which is also what a worker
 * may use against the real DeepSeek. DeepSeek's own usage fields reach it as additional properties.
 */
class OpenAiSdkClientTest {

    private static DeepSeekSimulator simulator;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        simulator = DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0));
        client = OpenAIOkHttpClient.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("k")
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void readsAJsonModeAnswerWithDeepSeeksUsageFields() {
        // Given the seed's sentiment prompt in JSON mode, sent twice so the second hits the context cache
        ChatCompletionCreateParams params = sentimentParams().build();
        client.chat().completions().create(params);

        // When the SDK sends it again
        ChatCompletion completion = client.chat().completions().create(params);

        // Then it reads the JSON content, the finish reason and DeepSeek's cache figures
        ChatCompletion.Choice choice = completion.choices().get(0);
        JsonNode content = SimulatorHttp.json(choice.message().content().orElseThrow());
        assertThat(content.get("sentiment").asString()).isEqualTo("negative");
        assertThat(content.get("urgency").asString()).isEqualTo("high");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.model()).isEqualTo("deepseek-flash");
        CompletionUsage usage = completion.usage().orElseThrow();
        long hit = additionalLong(usage, "prompt_cache_hit_tokens");
        long miss = additionalLong(usage, "prompt_cache_miss_tokens");
        assertThat(hit).isPositive().isEqualTo(usage.promptTokens() / 64 * 64);
        assertThat(hit + miss).isEqualTo(usage.promptTokens());
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(hit);
    }

    @Test
    void readsAStreamedAnswerWithUsageInTheLastChunk() {
        // Given a streaming request asking for usage
        ChatCompletionCreateParams params = sentimentParams()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        String whole = client.chat()
                .completions()
                .create(sentimentParams().build())
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();

        // When the SDK streams it
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }

        // Then the chunks add up to the whole answer, the last one stops and carries DeepSeek's usage
        assertThat(chunks.stream()
                        .flatMap(chunk -> chunk.choices().stream())
                        .map(choice -> choice.delta().content().orElse(""))
                        .collect(Collectors.joining()))
                .isEqualTo(whole);
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        CompletionUsage usage = last.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(Tokens.count(whole));
        assertThat(additionalLong(usage, "prompt_cache_hit_tokens") + additionalLong(usage, "prompt_cache_miss_tokens"))
                .isEqualTo(usage.promptTokens());
    }

    @Test
    void readsFinishReasonLengthWhenMaxTokensCutsTheAnswer() {
        // When the SDK asks for at most five tokens
        ChatCompletion completion = client.chat()
                .completions()
                .create(sentimentParams().maxTokens(5).build());

        // Then it reads a cut answer
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(choice.message().content().orElseThrow()).hasSize(20);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(5);
    }

    private static ChatCompletionCreateParams.Builder sentimentParams() {
        return ChatCompletionCreateParams.builder()
                .model("deepseek-flash")
                .addSystemMessage(ChatRequests.SENTIMENT_SYSTEM_PROMPT)
                .addUserMessage("This is terrible, my order arrived broken and I want a refund now")
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .temperature(0.1)
                .maxTokens(200);
    }

    private static long additionalLong(CompletionUsage usage, String field) {
        return usage._additionalProperties().get(field).convert(Long.class);
    }
}
