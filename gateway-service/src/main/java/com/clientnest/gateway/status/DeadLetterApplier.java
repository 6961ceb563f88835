package com.clientnest.gateway.status;

import com.clientnest.gateway.cache.CacheKeyLock;
import com.clientnest.gateway.status.ResultViews.ErrorView;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marks a request DEAD_LETTERED when its record reaches the dead-letter topic. A worker also publishes
 * {@code AiFailed} for it when it could read the request; this covers the records it could not read, which would
 * otherwise stay QUEUED for ever. The record's value is never decoded: its key and headers say all that is needed.
 * Called by the ops desk's listener of the dead-letter topics, which also stores the letter.
 */
@Service
public class DeadLetterApplier {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterApplier.class);
    private static final String UNKNOWN_REASON = "dead_lettered";

    private final StatusRepository requests;
    private final JsonMapper json;
    private final Clock clock;
    private final CacheKeyLock keyLock;
    private final Followers followers;

    DeadLetterApplier(
            StatusRepository requests, JsonMapper json, Clock clock, CacheKeyLock keyLock, Followers followers) {
        this.requests = requests;
        this.json = json;
        this.clock = clock;
        this.keyLock = keyLock;
        this.followers = followers;
    }

    /** Must run in the transaction that stores the dead letter, so the two never drift apart. */
    public void apply(ConsumerRecord<String, byte[]> record) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(record.key()));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a dead letter with a key that is no request id: '{}'", record.key());
            return;
        }
        String reason = header(record, DeadLetterHeaders.REASON_CODE, UNKNOWN_REASON);
        String error = json.writeValueAsString(new ErrorView(reason, PublicFailureMessages.forReason(reason)));
        Optional<StatusRepository.CacheEntryKey> key = requests.cacheKeyOf(id);
        key.ifPresent(k -> keyLock.lock(k.key()));
        boolean changed = requests.finish(
                id,
                RequestStatus.DEAD_LETTERED,
                null,
                error,
                Instant.ofEpochMilli(record.timestamp()),
                clock.instant());
        if (key.isPresent()) {
            // Identical requests waiting for this one would fail the same way: they end with it.
            followers.fail(id, RequestStatus.DEAD_LETTERED, error);
        }
        log.debug("Dead letter for request {} ({}): {}", id, reason, changed ? "applied" : "already final or unknown");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name, String fallback) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return fallback;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
