package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptCacheTest {

    /** 1,000 characters: 250 tokens, so three whole 64-token blocks. */
    private static final String PROMPT = "0123456789".repeat(100);

    @Test
    void countsNothingTheFirstTimeAPromptIsSeen() {
        PromptCache cache = new PromptCache(100);

        assertThat(cache.hitTokens("deepseek-flash", PROMPT)).isZero();
    }

    @Test
    void countsTheWholeBlocksOfARepeatedPromptAsHits() {
        // Given a prompt seen once
        PromptCache cache = new PromptCache(100);
        cache.hitTokens("deepseek-flash", PROMPT);

        // When it comes again
        int hits = cache.hitTokens("deepseek-flash", PROMPT);

        // Then its three whole blocks hit and the last partial block does not
        assertThat(PROMPT).hasSize(1000);
        assertThat(hits).isEqualTo(3 * 64);
    }

    @Test
    void countsOnlyTheSharedLeadingBlocksOfADifferentPrompt() {
        // Given a prompt seen once
        PromptCache cache = new PromptCache(100);
        cache.hitTokens("deepseek-flash", PROMPT);

        // When a prompt sharing its first 300 characters arrives
        int hits = cache.hitTokens("deepseek-flash", PROMPT.substring(0, 300) + "z".repeat(700));

        // Then only the first block (256 characters) hits
        assertThat(hits).isEqualTo(64);
    }

    @Test
    void keepsPromptsOfDifferentModelsApart() {
        PromptCache cache = new PromptCache(100);
        cache.hitTokens("deepseek-flash", PROMPT);

        assertThat(cache.hitTokens("deepseek-v4-pro", PROMPT)).isZero();
    }

    @Test
    void forgetsTheLeastRecentlyUsedPrefixesBeyondItsCapacity() {
        // Given a cache of three blocks that saw a three-block prompt and then another one
        PromptCache cache = new PromptCache(3);
        cache.hitTokens("deepseek-flash", PROMPT);
        cache.hitTokens("deepseek-flash", "b".repeat(1000));

        // When the first prompt comes again
        int hits = cache.hitTokens("deepseek-flash", PROMPT);

        // Then it was evicted
        assertThat(hits).isZero();
    }
}
