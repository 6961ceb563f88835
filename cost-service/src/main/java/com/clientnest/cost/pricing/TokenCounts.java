package com.clientnest.cost.pricing;

/**
 * The tokens of one DeepSeek call that are priced.
 *
 * @param promptTokens all prompt tokens
 * @param promptCacheHitTokens prompt tokens served from DeepSeek's context cache
 * @param promptCacheMissTokens prompt tokens not served from the cache, as reported
 * @param completionTokens output tokens
 */
public record TokenCounts(
        long promptTokens, long promptCacheHitTokens, long promptCacheMissTokens, long completionTokens) {

    public TokenCounts {
        if (promptTokens < 0 || promptCacheHitTokens < 0 || promptCacheMissTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("Token counts must not be negative");
        }
    }

    /**
     * Cache-miss tokens to price: older clients report only {@code promptTokens}, so whatever the hit and miss
     * counts leave unexplained is priced as a miss, the dearer and therefore safe assumption.
     */
    long pricedCacheMissTokens() {
        return Math.max(promptCacheMissTokens, promptTokens - promptCacheHitTokens);
    }
}
