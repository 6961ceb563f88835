package com.clientnest.gateway.cache;

/**
 * An answer the cache holds.
 *
 * @param resultJson the result as the REST API shows it, as it was when DeepSeek gave it
 * @param model the model that gave it
 */
public record CachedAnswer(String resultJson, String model) {}
