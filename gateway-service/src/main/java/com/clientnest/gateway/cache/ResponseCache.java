package com.clientnest.gateway.cache;

import com.clientnest.gateway.cache.CacheProperties.Scope;
import com.clientnest.gateway.cache.CacheProperties.TypeRule;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers identical requests without DeepSeek. The gateway looks an answer up before it queues a request and stores
 * DeepSeek's answer when the result comes back, so the store is PostgreSQL, which every gateway instance shares; the
 * key, scope, TTL and bypass rules are in {@link CacheProperties} and ADR 0011.
 */
@Service
public class ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    private final CacheProperties properties;
    private final CacheRepository answers;
    private final JsonMapper json;
    private final Clock clock;

    ResponseCache(CacheProperties properties, CacheRepository answers, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.answers = answers;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The key of this request's answer, or empty when the request bypasses the cache: the cache is off, or off for
     * the type, or the request asks for a temperature above the threshold.
     *
     * @param type the REST type name: {@code content}, {@code sentiment} or {@code optimization}
     * @param fields the input and generation parameters that shape the answer
     * @param temperature the temperature asked for, or null for the worker's default
     */
    public Optional<String> keyFor(String userId, String type, Map<String, Object> fields, Double temperature) {
        TypeRule rule = properties.rule(type);
        if (!properties.enabled() || rule.ttl().isZero() || rule.ttl().isNegative()) {
            return Optional.empty();
        }
        if (temperature != null && temperature > properties.maxTemperature()) {
            return Optional.empty();
        }
        String owner = rule.scope() == Scope.USER ? userId : null;
        return Optional.of(CacheKey.of(type, fields, properties.model(), owner));
    }

    /**
     * The answer stored under the key and not yet expired, as a cache hit shows it: {@code cached: true} and no
     * tokens, since none were used for this request.
     */
    public Optional<CachedAnswer> lookup(String key) {
        return answers.find(key, clock.instant())
                .map(stored -> new CachedAnswer(asHit(stored.resultJson()), stored.model()));
    }

    /** Which of the keys {@link #lookup} would find an answer for, in one round trip. */
    public Set<String> answered(Collection<String> keys) {
        return keys.isEmpty() ? Set.of() : answers.findKeys(keys, clock.instant());
    }

    /**
     * Keeps DeepSeek's answer for the type's TTL from when it was given, so a result applied late (redelivered, or
     * read again after an outage) is not kept longer than a fresh one; one already past its TTL is not kept.
     */
    public void store(String key, String type, CachedAnswer answer, Instant answeredAt) {
        Instant expiresAt = answeredAt.plus(properties.rule(type).ttl());
        if (expiresAt.isAfter(clock.instant())) {
            answers.put(key, type, answer, answeredAt, expiresAt);
        }
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void deleteExpired() {
        int deleted = answers.deleteExpired(clock.instant());
        if (deleted > 0) {
            log.debug("Deleted {} expired cached answers", deleted);
        }
    }

    /**
     * A result as a request that did not call DeepSeek for it shows it: {@code cached: true}, no tokens. For cache
     * hits, and for followers of an identical request in flight.
     */
    public String asHit(String resultJson) {
        ObjectNode result = (ObjectNode) json.readTree(resultJson);
        result.put("cached", true);
        ObjectNode usage = result.putObject("usage");
        for (String field : new String[] {
            "promptTokens", "completionTokens", "totalTokens", "promptCacheHitTokens", "promptCacheMissTokens"
        }) {
            usage.put(field, 0);
        }
        return json.writeValueAsString(result);
    }
}
