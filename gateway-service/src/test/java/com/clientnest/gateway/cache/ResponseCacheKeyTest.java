package com.clientnest.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.cache.CacheProperties.Scope;
import com.clientnest.gateway.cache.CacheProperties.TypeRule;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResponseCacheKeyTest {

    private static final CacheProperties DEFAULTS = new CacheProperties(
            true,
            "deepseek-flash",
            0.8,
            new TypeRule(Duration.ofHours(1), Scope.USER),
            new TypeRule(Duration.ofHours(24), Scope.GLOBAL),
            new TypeRule(Duration.ofHours(1), Scope.USER));

    private final ResponseCache cache = cacheWith(DEFAULTS);

    @Test
    void givenTheSameCommentWithOtherSpacingFromTwoUsersThenBothGetTheOneGlobalSentimentKey() {
        // When
        Optional<String> alice = cache.keyFor("alice", "sentiment", sentiment("  Great   release,\tthanks! "), null);
        Optional<String> bob = cache.keyFor("bob", "sentiment", sentiment("Great release, thanks!"), null);

        // Then
        assertThat(alice).isPresent().isEqualTo(bob);
    }

    @Test
    void givenTheSamePromptFromTwoUsersThenEachHasAContentKeyOfTheirOwn() {
        // When
        Optional<String> alice = cache.keyFor("alice", "content", content("Announce the sale", 0.5, null), 0.5);
        Optional<String> aliceAgain = cache.keyFor("alice", "content", content("Announce the sale", 0.5, null), 0.5);
        Optional<String> bob = cache.keyFor("bob", "content", content("Announce the sale", 0.5, null), 0.5);

        // Then
        assertThat(alice).isPresent().isEqualTo(aliceAgain);
        assertThat(bob).isPresent().isNotEqualTo(alice);
    }

    @Test
    void givenAnyDifferenceInCaseParametersTypeOrModelThenTheKeysDiffer() {
        // Given
        String base = cache.keyFor("alice", "content", content("Announce the sale", null, null), null)
                .orElseThrow();

        // Then
        assertThat(new String[] {
                    cache.keyFor("alice", "content", content("ANNOUNCE the sale", null, null), null)
                            .orElseThrow(),
                    cache.keyFor("alice", "content", content("Announce the sale", 0.3, null), 0.3)
                            .orElseThrow(),
                    cache.keyFor("alice", "content", content("Announce the sale", null, 200), null)
                            .orElseThrow(),
                    cache.keyFor("alice", "optimization", content("Announce the sale", null, null), null)
                            .orElseThrow(),
                    cacheWith(new CacheProperties(
                                    true,
                                    "deepseek-v4-pro",
                                    0.8,
                                    DEFAULTS.content(),
                                    DEFAULTS.sentiment(),
                                    DEFAULTS.optimization()))
                            .keyFor("alice", "content", content("Announce the sale", null, null), null)
                            .orElseThrow()
                })
                .doesNotContain(base)
                .doesNotHaveDuplicates();
    }

    @Test
    void givenATemperatureAboveTheThresholdOrTheCacheOffThenTheRequestBypassesIt() {
        // When
        Optional<String> creative = cache.keyFor("alice", "content", content("Ideas", 1.1, null), 1.1);
        Optional<String> atThreshold = cache.keyFor("alice", "content", content("Ideas", 0.8, null), 0.8);
        Optional<String> off = cacheWith(new CacheProperties(
                        false,
                        "deepseek-flash",
                        0.8,
                        DEFAULTS.content(),
                        DEFAULTS.sentiment(),
                        DEFAULTS.optimization()))
                .keyFor("alice", "sentiment", sentiment("Nice"), null);
        Optional<String> zeroTtl = cacheWith(new CacheProperties(
                        true,
                        "deepseek-flash",
                        0.8,
                        DEFAULTS.content(),
                        new TypeRule(Duration.ZERO, Scope.GLOBAL),
                        DEFAULTS.optimization()))
                .keyFor("alice", "sentiment", sentiment("Nice"), null);

        // Then
        assertThat(creative).isEmpty();
        assertThat(atThreshold).isPresent();
        assertThat(off).isEmpty();
        assertThat(zeroTtl).isEmpty();
    }

    private static ResponseCache cacheWith(CacheProperties properties) {
        return new ResponseCache(properties, null, JsonMapper.builder().build(), Clock.systemUTC());
    }

    private static Map<String, Object> sentiment(String text) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("text", text);
        fields.put("context", null);
        return fields;
    }

    private static Map<String, Object> content(String prompt, Double temperature, Integer maxTokens) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("prompt", prompt);
        fields.put("platform", "instagram");
        fields.put("contentType", "caption");
        fields.put("temperature", temperature);
        fields.put("maxTokens", maxTokens);
        return fields;
    }
}
