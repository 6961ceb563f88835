package com.clientnest.gateway.status;

import com.clientnest.gateway.status.StatusRepository.StoredRequest;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this instance. The request store is the one place every gateway instance sees every
 * status change (the shared consumer group applies each result once, on whichever instance), so the streams follow
 * the store: one query per poll interval for all requests followed here, whatever their number. See ADR 0008.
 */
@Component
class RequestFollowers {

    private static final Logger log = LoggerFactory.getLogger(RequestFollowers.class);
    private static final Set<RequestStatus> FINAL =
            Set.of(RequestStatus.COMPLETED, RequestStatus.FAILED, RequestStatus.DEAD_LETTERED, RequestStatus.CANCELLED);

    private final StatusRepository requests;
    private final EventsProperties properties;
    private final Map<SseEmitter, Follower> followers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

    RequestFollowers(StatusRepository requests, EventsProperties properties) {
        this.requests = requests;
        this.properties = properties;
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("request-events").daemon().factory());
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * A stream that starts with the request's current status and sends each change until it is final, then the
     * whole request (its result or error) as a {@code result} event, and ends.
     */
    SseEmitter follow(StoredRequest current, Function<StoredRequest, Object> view) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Follower follower = new Follower(current.id(), view);
        emitter.onCompletion(() -> followers.remove(emitter));
        emitter.onTimeout(() -> followers.remove(emitter));
        emitter.onError(failure -> followers.remove(emitter));
        if (send(emitter, follower, current)) {
            followers.put(emitter, follower);
        }
        return emitter;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The database away: the streams stay open and the next poll tries again.
            log.debug("Could not read the followed requests: {}", e.toString());
        }
    }

    void poll() {
        if (followers.isEmpty()) {
            return;
        }
        List<UUID> ids =
                followers.values().stream().map(Follower::requestId).distinct().toList();
        Map<UUID, StoredRequest> now = requests.findAll(ids);
        long quietSince = System.nanoTime() - properties.heartbeat().toNanos();
        for (Map.Entry<SseEmitter, Follower> entry : new ArrayList<>(followers.entrySet())) {
            StoredRequest request = now.get(entry.getValue().requestId());
            boolean open;
            if (request != null && request.status() != entry.getValue().lastSent()) {
                open = send(entry.getKey(), entry.getValue(), request);
            } else if (entry.getValue().lastWrite() - quietSince < 0) {
                // A scheduled request may wait hours for the off-peak window with nothing to say.
                open = keepAlive(entry.getKey(), entry.getValue());
            } else {
                open = true;
            }
            if (!open) {
                followers.remove(entry.getKey());
            }
        }
    }

    private static boolean keepAlive(SseEmitter emitter, Follower follower) {
        try {
            emitter.send(SseEmitter.event().comment("keep-alive"));
            follower.wrote();
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }

    /** Sends the status (and, when final, the result, ending the stream); false when the stream has ended. */
    private boolean send(SseEmitter emitter, Follower follower, StoredRequest request) {
        try {
            emitter.send(SseEmitter.event()
                    .name("status")
                    .data(Map.of("requestId", request.id(), "status", request.status()), MediaType.APPLICATION_JSON));
            follower.lastSent(request.status());
            follower.wrote();
            if (FINAL.contains(request.status())) {
                emitter.send(SseEmitter.event()
                        .name("result")
                        .data(follower.view().apply(request), MediaType.APPLICATION_JSON));
                emitter.complete();
                return false;
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the stream already ended.
            emitter.completeWithError(e);
            return false;
        }
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        followers.keySet().forEach(SseEmitter::complete);
        followers.clear();
    }

    private static final class Follower {

        private final UUID requestId;
        private final Function<StoredRequest, Object> view;
        private volatile RequestStatus lastSent;
        private volatile long lastWrite = System.nanoTime();

        Follower(UUID requestId, Function<StoredRequest, Object> view) {
            this.requestId = requestId;
            this.view = view;
        }

        long lastWrite() {
            return lastWrite;
        }

        void wrote() {
            lastWrite = System.nanoTime();
        }

        UUID requestId() {
            return requestId;
        }

        Function<StoredRequest, Object> view() {
            return view;
        }

        RequestStatus lastSent() {
            return lastSent;
        }

        void lastSent(RequestStatus status) {
            lastSent = status;
        }
    }
}
