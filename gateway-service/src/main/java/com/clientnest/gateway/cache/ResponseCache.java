package com.clientnest.gateway.cache;

import com.clientnest.gateway.cache.CacheProperties.Scope;
import com.clientnest.gateway.cache.CacheProperties.TypeRule;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
        return answers.find(key, clock.instant()).map(this::asHit);
    }

    /** Keeps DeepSeek's answer for the type's TTL. */
    public void store(String key, String type, CachedAnswer answer) {
        Instant now = clock.instant();
        answers.put(key, type, answer, now, now.plus(properties.rule(type).ttl()));
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void deleteExpired() {
        int deleted = answers.deleteExpired(clock.instant());
        if (deleted > 0) {
            log.debug("Deleted {} expired cached answers", deleted);
        }
    }

    private CachedAnswer asHit(CachedAnswer stored) {
        ObjectNode result = (ObjectNode) json.readTree(stored.resultJson());
        result.put("cached", true);
        ObjectNode usage = result.putObject("usage");
        for (String field : new String[] {
            "promptTokens", "completionTokens", "totalTokens", "promptCacheHitTokens", "promptCacheMissTokens"
        }) {
            usage.put(field, 0);
        }
        return new CachedAnswer(json.writeValueAsString(result), stored.model());
    }
}
