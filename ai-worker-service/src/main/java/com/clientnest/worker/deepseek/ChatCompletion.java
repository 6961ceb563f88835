package com.clientnest.worker.deepseek;

/**
 * DeepSeek's answer, reduced to what the worker uses.
 *
 * @param finishReason {@code stop}, or {@code length} when {@code max_tokens} cut the output
 */
public record ChatCompletion(
        String id, String model, String content, String finishReason, Usage usage, long latencyMs) {

    /** Token counts, including DeepSeek's context-cache split of the prompt. */
    public record Usage(
            int promptTokens,
            int completionTokens,
            int totalTokens,
            int promptCacheHitTokens,
            int promptCacheMissTokens) {}
}
