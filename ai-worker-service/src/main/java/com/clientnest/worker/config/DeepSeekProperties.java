package com.clientnest.worker.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where DeepSeek is, how long to wait for it, and how much of it the account may use.
 *
 * @param baseUrl DeepSeek's API root ({@code DEEPSEEK_BASE_URL}); the worker calls {@code {baseUrl}/chat/completions}
 * @param apiKey the account's key, from the environment ({@code DEEPSEEK_API_KEY}) only
 * @param model the model name; DeepSeek renames models, so it is configuration
 * @param connectTimeout time to open a connection
 * @param requestTimeout hard limit for the whole call: under load DeepSeek may keep a connection open sending
 *     blank lines before the body, so a read timeout alone never fires
 * @param maxConcurrency the account's concurrency limit ({@code DEEPSEEK_MAX_CONCURRENCY}): calls DeepSeek
 *     accepts at once for this key before it answers 429. It is the limit of the whole fleet; every worker
 *     instance takes its share of it
 */
@Validated
@ConfigurationProperties("clientnest.deepseek")
public record DeepSeekProperties(
        @NotNull URI baseUrl,
        @NotBlank String apiKey,
        @NotBlank String model,
        @NotNull Duration connectTimeout,
        @NotNull Duration requestTimeout,
        @Min(1) int maxConcurrency) {}
