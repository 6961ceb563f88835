package com.clientnest.gateway.quota;

import com.clientnest.schemas.events.RequestType;
import java.nio.charset.StandardCharsets;

/**
 * Estimates a request's tokens from above, so its reservation covers what it can use. A token of DeepSeek's
 * byte-level tokenizer spans at least one byte, so the UTF-8 length of the user's text bounds its tokens; the
 * worker's template adds a fixed overhead, and the completion cannot pass the {@code max_tokens} the worker sets.
 */
final class TokenEstimator {

    private final QuotaProperties.Estimate settings;

    TokenEstimator(QuotaProperties.Estimate settings) {
        this.settings = settings;
    }

    /**
     * @param texts the user's texts that go into the prompt (nulls ignored)
     * @param requestedMaxTokens the request's own completion limit, or null for the worker's default
     */
    TokenEstimate estimate(RequestType type, Integer requestedMaxTokens, String... texts) {
        long textBytes = 0;
        for (String text : texts) {
            if (text != null) {
                textBytes += text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        long completion = switch (type) {
            case SENTIMENT_ANALYSIS -> settings.sentimentMaxTokens();
            case CONTENT_OPTIMIZATION -> settings.optimizationMaxTokens();
            case CONTENT_GENERATION -> requestedMaxTokens != null ? requestedMaxTokens : settings.contentMaxTokens();
        };
        return new TokenEstimate(settings.promptOverheadTokens() + textBytes, completion);
    }
}
