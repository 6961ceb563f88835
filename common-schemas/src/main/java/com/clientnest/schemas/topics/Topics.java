package com.clientnest.schemas.topics;

import com.clientnest.schemas.events.AiCancelled;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.AiStarted;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.QuotaWarningRaised;
import com.clientnest.schemas.events.UsageRecorded;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topic catalogue: the only place a topic name is written. Every service builds one from its configured
 * prefix ({@code clientnest.kafka.topic-prefix}), so several environments can share a cluster.
 */
public final class Topics {

    private final TopicDescriptor high;
    private final TopicDescriptor normal;
    private final TopicDescriptor low;
    private final TopicDescriptor deadLetters;
    private final TopicDescriptor results;
    private final TopicDescriptor usage;
    private final TopicDescriptor quotaWarnings;
    private final TopicDescriptor usageDeadLetters;
    private final TopicDescriptor started;
    private final TopicDescriptor resultsDeadLetters;
    private final TopicDescriptor cancelled;

    /**
     * How long a cancellation stays on its topic. Compaction keeps the last record of each request, but every request
     * id is new, so compaction alone would keep them all for ever; past this age no cancelled request can still be
     * waiting on a lane (the lanes' own retention is the broker default, 7 days).
     */
    public static final Duration CANCELLATION_RETENTION = Duration.ofDays(7);

    public Topics(String prefix) {
        String p = Objects.requireNonNullElse(prefix, "");
        high = new TopicDescriptor(p + "ai.requests.high", 3, "requestId", Set.of(AiRequested.class));
        normal = new TopicDescriptor(p + "ai.requests.normal", 3, "requestId", Set.of(AiRequested.class));
        low = new TopicDescriptor(p + "ai.requests.low", 3, "requestId", Set.of(AiRequested.class));
        deadLetters = new TopicDescriptor(p + "ai.requests.dlt", 1, "requestId", Set.of(AiRequested.class));
        results = new TopicDescriptor(p + "ai.results", 3, "requestId", Set.of(AiCompleted.class, AiFailed.class));
        usage = new TopicDescriptor(p + "ai.usage", 3, "userId", Set.of(UsageRecorded.class));
        quotaWarnings = new TopicDescriptor(p + "ai.quota.warnings", 1, "userId", Set.of(QuotaWarningRaised.class));
        usageDeadLetters = new TopicDescriptor(p + "ai.usage.dlt", 1, "userId", Set.of(UsageRecorded.class));
        started = new TopicDescriptor(p + "ai.requests.started", 3, "requestId", Set.of(AiStarted.class));
        resultsDeadLetters =
                new TopicDescriptor(p + "ai.results.dlt", 1, "requestId", Set.of(AiCompleted.class, AiFailed.class));
        cancelled = new TopicDescriptor(
                p + "ai.requests.cancelled",
                3,
                "requestId",
                Set.of(AiCancelled.class),
                Map.of(
                        "cleanup.policy",
                        "compact,delete",
                        "retention.ms",
                        Long.toString(CANCELLATION_RETENTION.toMillis())));
    }

    /** The priority lane a request travels on. */
    public TopicDescriptor lane(Lane lane) {
        return switch (lane) {
            case HIGH -> high;
            case NORMAL -> normal;
            case LOW -> low;
        };
    }

    /** The lanes in the order workers serve them. */
    public List<TopicDescriptor> lanes() {
        return List.of(high, normal, low);
    }

    /** Requests that cannot be processed, with failure headers ({@link DeadLetterHeaders}); ops review them. */
    public TopicDescriptor deadLetters() {
        return deadLetters;
    }

    /** The final outcome of every request that reached a worker: {@code AiCompleted} or {@code AiFailed}. */
    public TopicDescriptor results() {
        return results;
    }

    /** One {@code UsageRecorded} per DeepSeek call or response-cache hit. */
    public TopicDescriptor usage() {
        return usage;
    }

    public TopicDescriptor quotaWarnings() {
        return quotaWarnings;
    }

    /**
     * Usage events the cost service can never record (undecodable, invalid fields), byte for byte with
     * {@link DeadLetterHeaders}: billing data is kept for review, never dropped into a log line.
     */
    public TopicDescriptor usageDeadLetters() {
        return usageDeadLetters;
    }

    /**
     * {@code AiStarted} when a worker takes a request, so the gateway can show it as PROCESSING. Advisory: a lost or
     * late one costs only the status in between, as the final outcome travels on {@link #results()}.
     */
    public TopicDescriptor started() {
        return started;
    }

    /**
     * Results the gateway can never apply (undecodable, or refused by its database for good), byte for byte with
     * {@link DeadLetterHeaders}, so one poison result never blocks the results behind it.
     */
    public TopicDescriptor resultsDeadLetters() {
        return resultsDeadLetters;
    }

    /**
     * {@code AiCancelled} for every request its owner cancelled, written by the gateway in the transaction that
     * cancels it. Every worker instance reads all of it and calls DeepSeek for none of these requests.
     */
    public TopicDescriptor cancelled() {
        return cancelled;
    }

    /** The three dead-letter topics, which the ops desk reviews. */
    public List<TopicDescriptor> deadLetterTopics() {
        return List.of(deadLetters, resultsDeadLetters, usageDeadLetters);
    }

    public List<TopicDescriptor> all() {
        return List.of(
                high,
                normal,
                low,
                deadLetters,
                results,
                usage,
                quotaWarnings,
                usageDeadLetters,
                started,
                resultsDeadLetters,
                cancelled);
    }

    /**
     * Every topic as the broker should create it. Each service declares all of them, so whichever service starts
     * first finds the broker ready (auto-create is off).
     */
    public List<NewTopic> newTopics(short replicationFactor) {
        return all().stream()
                .map(topic ->
                        new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.configs()))
                .toList();
    }
}
