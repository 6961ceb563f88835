package com.clientnest.worker.processing;

import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.ChatCompletion;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What this instance holds of each request between taking it and publishing its outcome. Kafka delivers a record
 * again while its first delivery is still being processed here when the broker loses the acquisition lock (a
 * broker restart), and after the first delivery got DeepSeek's answer but could not publish it (Kafka down). In
 * both cases DeepSeek has done, and billed, the work: a second delivery waits for the first, and an answer that
 * could not be published is kept for the next delivery instead of calling again. Answers are kept for the dedup
 * window; a delivery that lands on another instance cannot see them (see ADR 0001).
 */
@Component
class RequestsInHand {

    private final Map<String, CountDownLatch> inProcess = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Progress> variants = new ConcurrentHashMap<>();
    private final long windowMillis;
    private final Clock clock;

    RequestsInHand(WorkerProperties properties, Clock clock) {
        this.windowMillis = properties.dedupWindow().toMillis();
        this.clock = clock;
    }

    /**
     * Claims the request for one delivery, waiting while another delivery of it is processed here.
     *
     * @return the claim, to give back with {@link #release}; null when the other delivery still held it after
     *     {@code wait}
     */
    CountDownLatch claim(String requestId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CountDownLatch mine = new CountDownLatch(1);
            CountDownLatch held = inProcess.putIfAbsent(requestId, mine);
            if (held == null) {
                return mine;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !held.await(left, TimeUnit.NANOSECONDS)) {
                return null;
            }
        }
    }

    void release(String requestId, CountDownLatch claim) {
        inProcess.remove(requestId, claim);
        claim.countDown();
    }

    /** Keeps DeepSeek's answer until the outcome is published, noting whether its usage event already is. */
    void keep(String requestId, ChatCompletion completion, boolean usagePublished) {
        long now = clock.millis();
        answers.values().removeIf(answer -> answer.at() < now - windowMillis);
        answers.put(requestId, new Answer(completion, usagePublished, now));
    }

    /** The answer a previous delivery got and could not publish, if this instance still has it. */
    Optional<Answer> answered(String requestId) {
        return Optional.ofNullable(answers.get(requestId));
    }

    /** The outcome is published, or the answer was unusable and the next call is a new one. */
    void forget(String requestId) {
        answers.remove(requestId);
    }

    /**
     * The variants of a content-suggestions request this instance has so far, or a fresh progress; kept for the
     * dedup window from now, like a single answer.
     */
    VariantProgress variants(String requestId, Supplier<VariantProgress> fresh) {
        long now = clock.millis();
        variants.values().removeIf(progress -> progress.at() < now - windowMillis);
        return variants.compute(
                        requestId, (id, held) -> new Progress(held == null ? fresh.get() : held.progress(), now))
                .progress();
    }

    /** The request's variants are published, or the request is dead-lettered. */
    void forgetVariants(String requestId) {
        variants.remove(requestId);
    }

    record Answer(ChatCompletion completion, boolean usagePublished, long at) {}

    private record Progress(VariantProgress progress, long at) {}
}
