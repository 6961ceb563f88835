package com.clientnest.simulator;

/**
 * One generated answer with its billing figures.
 *
 * @param finishReason {@code stop}, or {@code length} when {@code max_tokens} cut the content
 */
record Completion(
        String model, String content, String finishReason, int promptTokens, int completionTokens, int cacheHitTokens) {

    int cacheMissTokens() {
        return promptTokens - cacheHitTokens;
    }

    int totalTokens() {
        return promptTokens + completionTokens;
    }
}
