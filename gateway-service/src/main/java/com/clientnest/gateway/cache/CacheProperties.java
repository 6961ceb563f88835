package com.clientnest.gateway.cache;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The response cache ({@code clientnest.gateway.cache.*}); ADR 0011 gives the reasons for the defaults.
 *
 * @param enabled whether identical requests are answered from the cache at all
 * @param model the DeepSeek model the workers call (the same {@code DEEPSEEK_MODEL}): part of every key, so a change
 *     of model never serves the old model's answers
 * @param maxTemperature requests asking for a higher temperature (creative variants, suggestions) want a different
 *     answer each time and bypass the cache; a request without one gets the worker's default, 0.8
 * @param content rule for content generation
 * @param sentiment rule for sentiment analysis
 * @param optimization rule for content optimisation
 */
@Validated
@ConfigurationProperties("clientnest.gateway.cache")
public record CacheProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue("deepseek-flash") String model,
        @DecimalMin("0.0") @DefaultValue("0.8") double maxTemperature,
        @Valid @NotNull @DefaultValue({"1h", "USER"}) TypeRule content,
        @Valid @NotNull @DefaultValue({"24h", "GLOBAL"}) TypeRule sentiment,
        @Valid @NotNull @DefaultValue({"1h", "USER"}) TypeRule optimization) {

    /**
     * @param ttl how long an answer is served after DeepSeek gave it; zero turns the cache off for the type
     * @param scope who shares an answer
     */
    public record TypeRule(@NotNull Duration ttl, @NotNull Scope scope) {}

    /** Who may be served an answer first given to someone else. */
    public enum Scope {
        /** Every user: the input says nothing of who asked (the sentiment of a public comment). */
        GLOBAL,
        /** Only the user who asked first: their draft, their brand voice, their words. */
        USER
    }

    TypeRule rule(String type) {
        return switch (type) {
            case "content" -> content;
            case "sentiment" -> sentiment;
            case "optimization" -> optimization;
            default -> throw new IllegalArgumentException("No cache rule for type " + type);
        };
    }
}
