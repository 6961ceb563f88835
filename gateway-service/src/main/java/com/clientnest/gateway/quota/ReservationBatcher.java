package com.clientnest.gateway.quota;

import com.clientnest.gateway.quota.CostServiceClient.Answer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the admissions of concurrent submissions to the cost service together: one call and one commit there for
 * as many as are waiting, instead of one each (ADR 0006). A sender takes whatever waits when it is free, so a lone
 * submission is sent at once and a busy gateway sends many per call; nothing is held back to fill a batch.
 *
 * <p>A submission waits no longer than the cost service's connect and answer limits together, as a single call
 * would, and is then refused as unavailable. If its admission is granted after it gave up, the reservation is given
 * back at once rather than held until the cost service's sweeper expires it.
 */
final class ReservationBatcher implements AutoCloseable {

    static final String BATCH_SIZES = "clientnest.gateway.admission.batch";

    private static final Logger log = LoggerFactory.getLogger(ReservationBatcher.class);

    private final CostServiceClient costService;
    private final int maxSize;
    private final Duration waitLimit;
    private final DistributionSummary batchSizes;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running = true;

    ReservationBatcher(
            CostServiceClient costService, int maxSize, int senderCount, Duration waitLimit, MeterRegistry meters) {
        this.costService = costService;
        this.maxSize = maxSize;
        this.waitLimit = waitLimit;
        this.batchSizes = DistributionSummary.builder(BATCH_SIZES)
                .description("Admissions sent to the cost service in one call")
                .register(meters);
        for (int i = 1; i <= senderCount; i++) {
            senders.add(
                    Thread.ofPlatform().name("quota-admission-" + i).daemon().start(this::sendWhileRunning));
        }
    }

    /**
     * The cost service's answer to this admission, as {@link CostServiceClient#reserve} would give it.
     *
     * @param trace the submission's trace context, or null
     * @throws CostServiceUnavailable when no answer came within the wait limit
     */
    Answer reserve(Map<String, Object> admission, Map<String, String> trace) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("request", admission);
        if (trace != null) {
            item.put("trace", trace);
        }
        Pending pending = new Pending(item, new CompletableFuture<>());
        if (!running) {
            throw new CostServiceUnavailable("The gateway is shutting down");
        }
        waiting.add(pending);
        if (!running && waiting.remove(pending)) {
            // Closed meanwhile: nobody would send it.
            throw new CostServiceUnavailable("The gateway is shutting down");
        }
        try {
            return pending.answer().get(waitLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return abandon(pending, new CostServiceUnavailable("The cost service did not answer in time", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon(pending, new CostServiceUnavailable("Interrupted while waiting for admission", e));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CostServiceUnavailable unavailable) {
                throw new CostServiceUnavailable(unavailable.getMessage(), unavailable);
            }
            throw new CostServiceUnavailable("The admission failed", e.getCause());
        }
    }

    /** Gives up on the admission, unless its answer arrived in the meantime, which is then taken. */
    private static Answer abandon(Pending pending, CostServiceUnavailable reason) {
        if (pending.answer().completeExceptionally(new CancellationException("abandoned"))) {
            throw reason;
        }
        try {
            return pending.answer().join();
        } catch (RuntimeException e) {
            throw reason;
        }
    }

    private void sendWhileRunning() {
        while (running) {
            try {
                Pending first = waiting.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Pending> batch = new ArrayList<>(List.of(first));
                    waiting.drainTo(batch, maxSize - 1);
                    // Those whose caller already gave up are not asked for: nobody would take their reservation.
                    batch.removeIf(pending -> pending.answer().isDone());
                    if (!batch.isEmpty()) {
                        send(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("A quota admission sender failed; it carries on", e);
            }
        }
    }

    private void send(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<Map<String, Object>> items = batch.stream().map(Pending::item).toList();
        List<Answer> answers;
        try {
            answers = costService.reserveAll(items);
        } catch (RuntimeException e) {
            CostServiceUnavailable unavailable = e instanceof CostServiceUnavailable known
                    ? known
                    : new CostServiceUnavailable("Admission failed in the gateway", e);
            batch.forEach(pending -> pending.answer().completeExceptionally(unavailable));
            reclaim(items);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Answer answer = answers.get(i);
            if (!batch.get(i).answer().complete(answer) && answer.status() == 201) {
                releaseAbandoned(answer);
            }
        }
    }

    /**
     * A batch without an answer may still have been admitted, in part or whole (e.g. the answer came too late), and
     * every caller in it was told 503: its reservations must not hold quota. Asking again is safe, as an admission
     * asked for again gets the reservation its request already has, so whatever this answers 201 is released. If the
     * cost service cannot answer this either, its sweeper expires whatever was held.
     */
    private void reclaim(List<Map<String, Object>> items) {
        List<Answer> again;
        try {
            again = costService.reserveAll(items);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not reclaim the admissions of a failed batch of {}; the cost service's sweeper will: {}",
                    items.size(),
                    e.toString());
            return;
        }
        again.stream().filter(answer -> answer.status() == 201).forEach(this::releaseAbandoned);
    }

    /** The caller was told 503 while this admission was being granted: its reservation must not hold quota. */
    private void releaseAbandoned(Answer granted) {
        String id = granted.body().path("reservationId").asString("");
        try {
            Answer released = costService.release(UUID.fromString(id));
            if (released.status() != 204) {
                log.warn("The cost service answered {} to releasing abandoned reservation {}", released.status(), id);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Could not release abandoned reservation {}; the cost service's sweeper will: {}",
                    id,
                    e.toString());
        }
    }

    /**
     * Stops the senders once their batch under way is answered (not interrupted: an interrupted call could leave its
     * reservations held); admissions still waiting are refused as unavailable.
     */
    @Override
    public void close() {
        running = false;
        for (Thread sender : senders) {
            try {
                // A poll of a second, a batch and its reclaim.
                sender.join(2 * waitLimit.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        CostServiceUnavailable stopping = new CostServiceUnavailable("The gateway is shutting down");
        left.forEach(pending -> pending.answer().completeExceptionally(stopping));
    }

    private record Pending(Map<String, Object> item, CompletableFuture<Answer> answer) {}
}
