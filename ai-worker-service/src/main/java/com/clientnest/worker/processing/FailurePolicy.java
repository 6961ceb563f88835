package com.clientnest.worker.processing;

import com.clientnest.schemas.topics.DeadLetterReason;
import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.DeepSeekFault;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The one place that decides what becomes of a request after a failure: retry now, wait for DeepSeek, give the
 * record back, or dead-letter it. A pure function of the failure and the record's situation.
 *
 * <p>The rules: a fault of the request itself (unreadable, 400, 422, other 4xx, output cut by {@code max_tokens})
 * is dead-lettered at once. A fault of the account (401, 402) or a DeepSeek that cannot be called (breaker open)
 * is waited out while the record's lock allows, then the record goes back to its lane as a fresh record, so an
 * outage never uses up its deliveries. A transient fault (429, 5xx, timeout, blank answer) is retried with back-off
 * while attempts and time are left; after that the record is requeued while DeepSeek is unhealthy (a 429 always
 * counts as unhealthy), released while DeepSeek answers others and deliveries are left, and only on its last
 * delivery, failing while DeepSeek is healthy, dead-lettered.
 */
final class FailurePolicy {

    private final int maxAttempts;
    private final int maxDeliveries;
    private final Duration minCallTime;
    private final Duration outageWait;
    private final RetryPolicy backOff;

    FailurePolicy(WorkerProperties properties, RetryPolicy backOff) {
        this(
                properties.retry().maxAttempts(),
                properties.maxDeliveries(),
                properties.minCallTime(),
                properties.outageWait(),
                backOff);
    }

    FailurePolicy(int maxAttempts, int maxDeliveries, Duration minCallTime, Duration outageWait, RetryPolicy backOff) {
        this.maxAttempts = maxAttempts;
        this.maxDeliveries = maxDeliveries;
        this.minCallTime = minCallTime;
        this.outageWait = outageWait;
        this.backOff = backOff;
    }

    /** What failed. {@code fault} is set for {@link Kind#DEEPSEEK} only. */
    record Failure(Kind kind, DeepSeekFault fault) {

        static Failure of(DeepSeekFault fault) {
            return new Failure(Kind.DEEPSEEK, fault);
        }

        static Failure of(Kind kind) {
            return new Failure(kind, null);
        }
    }

    enum Kind {
        /** The record cannot be read as a request, or no prompt can be built from it. */
        INVALID_INPUT,
        /** A DeepSeek call failed; see the fault. */
        DEEPSEEK,
        /** DeepSeek may not be called now: the circuit breaker is open or no call slot freed in time. */
        NOT_CALLABLE,
        /** The record's lock would run out before another call could finish. */
        OUT_OF_TIME
    }

    /**
     * Where the record stands.
     *
     * @param callsMade DeepSeek calls made in this delivery
     * @param delivery this delivery's number, 1 for the first
     * @param timeLeft what is left of this delivery's processing budget
     * @param deepSeekHealthy whether the circuit breaker is closed
     */
    record Situation(int callsMade, int delivery, Duration timeLeft, boolean deepSeekHealthy) {}

    sealed interface Verdict {}

    /** Call again after the delay. */
    record Retry(Duration after) implements Verdict {}

    /** Keep the record and try to call again after the pause; no attempt is used up. */
    record WaitForDeepSeek(Duration pause) implements Verdict {}

    /** Put the record back on its lane as a fresh record and accept this delivery: no delivery is used up. */
    record Requeue() implements Verdict {}

    /** Give the record back to the share group: it comes again, one delivery further on. */
    record Release() implements Verdict {}

    record DeadLetter(DeadLetterReason reason) implements Verdict {}

    /**
     * Of the failures of one round of calls (the variants of content suggestions), the one to decide on: a fault of
     * the request first (it would fail every round alike), then of the account, then a 429, then any other
     * transient fault, so a round is never retried for a fault that will only come again.
     */
    static Failure mostSevere(List<Failure> failures) {
        return failures.stream()
                .min(Comparator.comparingInt(FailurePolicy::severityRank))
                .orElseThrow(() -> new IllegalArgumentException("No failure to decide on"));
    }

    private static int severityRank(Failure failure) {
        if (failure.kind() != Kind.DEEPSEEK) {
            return failure.kind() == Kind.INVALID_INPUT ? 0 : 4;
        }
        return switch (failure.fault()) {
            case BAD_REQUEST, INVALID_PARAMETERS, REJECTED, OUTPUT_TRUNCATED -> 0;
            case ACCOUNT -> 1;
            case RATE_LIMITED -> 2;
            case UNAVAILABLE, TIMEOUT, CONNECTION, UNUSABLE_ANSWER -> 3;
        };
    }

    Verdict decide(Failure failure, Situation situation) {
        return switch (failure.kind()) {
            case INVALID_INPUT -> new DeadLetter(DeadLetterReason.INVALID_REQUEST);
            case NOT_CALLABLE -> waitOrRequeue(situation);
            case OUT_OF_TIME -> exhausted(situation);
            case DEEPSEEK ->
                switch (failure.fault()) {
                    case BAD_REQUEST -> new DeadLetter(DeadLetterReason.DEEPSEEK_BAD_REQUEST);
                    case INVALID_PARAMETERS -> new DeadLetter(DeadLetterReason.DEEPSEEK_INVALID_PARAMETERS);
                    case REJECTED -> new DeadLetter(DeadLetterReason.DEEPSEEK_REJECTED);
                    case OUTPUT_TRUNCATED -> new DeadLetter(DeadLetterReason.DEEPSEEK_OUTPUT_TRUNCATED);
                    case ACCOUNT -> waitOrRequeue(situation);
                    case RATE_LIMITED -> retryOr(situation, new Requeue());
                    case UNAVAILABLE, TIMEOUT, CONNECTION, UNUSABLE_ANSWER -> retryOr(situation, exhausted(situation));
                };
        };
    }

    private Verdict retryOr(Situation situation, Verdict otherwise) {
        if (situation.callsMade() >= maxAttempts) {
            return otherwise;
        }
        Duration delay = backOff.delayAfter(Math.max(1, situation.callsMade()));
        return fits(delay, situation) ? new Retry(delay) : otherwise;
    }

    private Verdict waitOrRequeue(Situation situation) {
        return fits(outageWait, situation) ? new WaitForDeepSeek(outageWait) : new Requeue();
    }

    private Verdict exhausted(Situation situation) {
        if (!situation.deepSeekHealthy()) {
            return new Requeue();
        }
        return situation.delivery() < maxDeliveries
                ? new Release()
                : new DeadLetter(DeadLetterReason.RETRIES_EXHAUSTED);
    }

    private boolean fits(Duration wait, Situation situation) {
        return situation.timeLeft().minus(wait).compareTo(minCallTime) >= 0;
    }
}
