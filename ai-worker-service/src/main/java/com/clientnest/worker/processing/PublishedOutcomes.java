package com.clientnest.worker.processing;

import com.clientnest.worker.config.WorkerProperties;
import java.time.Clock;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;

/**
 * The requests whose final outcome is on {@code ai.results}, with when it was published, for a window of several
 * lock durations. A lane record is delivered again after its outcome when its ACCEPT was lost (a crash, a broker
 * hiccup); this is how the worker recognises it and accepts it without a second DeepSeek call or a second usage
 * event. Fed by this instance as it publishes and by {@link OutcomeFollower} for every other instance.
 *
 * <p>An ops replay of a dead letter (header {@code clientnest.lane.replay-of}) is new work when it was produced after
 * the outcome, so for it the comparison is with the lane record's own timestamp. Any other record of a request
 * whose outcome is out is a duplicate, however late it was produced: an outbox relay that published the request
 * again because the database crashed before it could mark it sent.
 */
@Component
public class PublishedOutcomes {

    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    private final Queue<Entry> order = new ConcurrentLinkedQueue<>();
    private final long windowMillis;
    private final Clock clock;

    PublishedOutcomes(WorkerProperties properties, Clock clock) {
        this.windowMillis = properties.dedupWindow().toMillis();
        this.clock = clock;
    }

    void record(String requestId, long publishedAtMillis) {
        publishedAt.merge(requestId, publishedAtMillis, Math::max);
        order.add(new Entry(requestId, publishedAtMillis));
        evictOlderThan(clock.millis() - windowMillis);
    }

    /** Whether an outcome of this request was published within the window. */
    boolean published(String requestId) {
        return publishedAt.containsKey(requestId);
    }

    /** Whether an outcome of this request was published at or after the lane record was produced. */
    boolean publishedSince(String requestId, long laneRecordTimestamp) {
        Long at = publishedAt.get(requestId);
        return at != null && at >= laneRecordTimestamp;
    }

    long windowMillis() {
        return windowMillis;
    }

    private void evictOlderThan(long horizon) {
        Entry head;
        while ((head = order.peek()) != null && head.at() < horizon) {
            if (order.remove(head)) {
                publishedAt.remove(head.requestId(), head.at());
            }
        }
    }

    private record Entry(String requestId, long at) {}
}
