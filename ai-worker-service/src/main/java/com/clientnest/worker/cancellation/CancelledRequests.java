package com.clientnest.worker.cancellation;

import java.time.Clock;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;

/**
 * The requests their owners cancelled, as the gateway announced them on the cancellations topic, remembered for
 * {@link CancellationProperties#memory()}. Asked just before every DeepSeek call: a cancelled request is not called.
 * Kept in memory by each instance, as every instance reads the whole topic; a cancellation is a request id and a
 * time, so a week of them fits easily.
 */
@Component
public class CancelledRequests {

    private final Map<String, Long> cancelledAt = new ConcurrentHashMap<>();
    private final Queue<Entry> order = new ConcurrentLinkedQueue<>();
    private final long memoryMillis;
    private final Clock clock;

    CancelledRequests(CancellationProperties properties, Clock clock) {
        this.memoryMillis = properties.memory().toMillis();
        this.clock = clock;
    }

    /** Whether the owner cancelled this request. */
    public boolean isCancelled(String requestId) {
        return cancelledAt.containsKey(requestId);
    }

    void record(String requestId, long atMillis) {
        long horizon = clock.millis() - memoryMillis;
        if (atMillis < horizon) {
            return;
        }
        cancelledAt.merge(requestId, atMillis, Math::max);
        order.add(new Entry(requestId, atMillis));
        evictOlderThan(horizon);
    }

    int size() {
        return cancelledAt.size();
    }

    private void evictOlderThan(long horizon) {
        Entry head;
        while ((head = order.peek()) != null && head.at() < horizon) {
            if (order.remove(head)) {
                cancelledAt.remove(head.requestId(), head.at());
            }
        }
    }

    private record Entry(String requestId, long at) {}
}
