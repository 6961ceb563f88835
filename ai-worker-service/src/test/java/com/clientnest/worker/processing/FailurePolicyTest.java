package com.clientnest.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.schemas.topics.DeadLetterReason;
import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.DeepSeekFault;
import com.clientnest.worker.processing.FailurePolicy.DeadLetter;
import com.clientnest.worker.processing.FailurePolicy.Failure;
import com.clientnest.worker.processing.FailurePolicy.Kind;
import com.clientnest.worker.processing.FailurePolicy.Release;
import com.clientnest.worker.processing.FailurePolicy.Requeue;
import com.clientnest.worker.processing.FailurePolicy.Retry;
import com.clientnest.worker.processing.FailurePolicy.Situation;
import com.clientnest.worker.processing.FailurePolicy.WaitForDeepSeek;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailurePolicyTest {

    private static final Duration PLENTY = Duration.ofSeconds(45);
    private static final Duration MIN_CALL = Duration.ofSeconds(5);

    // Four calls per delivery, five deliveries, 1 s pauses for an unavailable DeepSeek, back-off 500 ms doubling.
    private final FailurePolicy policy = new FailurePolicy(
            4,
            5,
            MIN_CALL,
            Duration.ofSeconds(1),
            new RetryPolicy(
                    new WorkerProperties.Retry(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10), 0.0),
                    () -> 0.5));

    @Test
    void anUnreadableRecordIsDeadLetteredAsAnInvalidRequest() {
        assertThat(policy.decide(Failure.of(Kind.INVALID_INPUT), healthy(0, 1, PLENTY)))
                .isEqualTo(new DeadLetter(DeadLetterReason.INVALID_REQUEST));
    }

    @Test
    void faultsOfTheRequestItselfAreDeadLetteredAtOnceEvenOnTheFirstDelivery() {
        assertThat(policy.decide(Failure.of(DeepSeekFault.BAD_REQUEST), healthy(1, 1, PLENTY)))
                .isEqualTo(new DeadLetter(DeadLetterReason.DEEPSEEK_BAD_REQUEST));
        assertThat(policy.decide(Failure.of(DeepSeekFault.INVALID_PARAMETERS), healthy(1, 1, PLENTY)))
                .isEqualTo(new DeadLetter(DeadLetterReason.DEEPSEEK_INVALID_PARAMETERS));
        assertThat(policy.decide(Failure.of(DeepSeekFault.REJECTED), healthy(1, 1, PLENTY)))
                .isEqualTo(new DeadLetter(DeadLetterReason.DEEPSEEK_REJECTED));
    }

    @Test
    void outputCutByMaxTokensIsDeadLetteredRatherThanPaidForAgain() {
        assertThat(policy.decide(Failure.of(DeepSeekFault.OUTPUT_TRUNCATED), healthy(1, 1, PLENTY)))
                .isEqualTo(new DeadLetter(DeadLetterReason.DEEPSEEK_OUTPUT_TRUNCATED));
    }

    @Test
    void anAccountFaultIsWaitedOutWhileTheLockAllowsThenRequeuedEvenOnTheLastDelivery() {
        assertThat(policy.decide(Failure.of(DeepSeekFault.ACCOUNT), unhealthy(1, 5, PLENTY)))
                .isEqualTo(new WaitForDeepSeek(Duration.ofSeconds(1)));
        assertThat(policy.decide(Failure.of(DeepSeekFault.ACCOUNT), unhealthy(1, 5, Duration.ofSeconds(5))))
                .isEqualTo(new Requeue());
    }

    @Test
    void aDeepSeekThatCannotBeCalledIsWaitedForThenTheRecordIsRequeued() {
        assertThat(policy.decide(Failure.of(Kind.NOT_CALLABLE), unhealthy(0, 1, PLENTY)))
                .isEqualTo(new WaitForDeepSeek(Duration.ofSeconds(1)));
        assertThat(policy.decide(Failure.of(Kind.NOT_CALLABLE), unhealthy(0, 5, Duration.ofMillis(5500))))
                .isEqualTo(new Requeue());
    }

    @ParameterizedTest
    @EnumSource(
            value = DeepSeekFault.class,
            names = {"UNAVAILABLE", "TIMEOUT", "CONNECTION", "UNUSABLE_ANSWER", "RATE_LIMITED"})
    void aTransientFaultIsRetriedWithExponentialBackOffWhileAttemptsAndTimeAreLeft(DeepSeekFault fault) {
        assertThat(policy.decide(Failure.of(fault), healthy(1, 1, PLENTY)))
                .isEqualTo(new Retry(Duration.ofMillis(500)));
        assertThat(policy.decide(Failure.of(fault), healthy(3, 1, PLENTY))).isEqualTo(new Retry(Duration.ofSeconds(2)));
    }

    @Test
    void aRateLimitIsNeverDeadLetteredEvenOnTheLastDeliveryWithAttemptsUsedUp() {
        assertThat(policy.decide(Failure.of(DeepSeekFault.RATE_LIMITED), healthy(4, 5, PLENTY)))
                .isEqualTo(new Requeue());
    }

    @Test
    void outOfTimeTheRecordIsGivenBackWhileDeliveriesAreLeft() {
        assertThat(policy.decide(Failure.of(DeepSeekFault.TIMEOUT), healthy(1, 2, Duration.ofSeconds(5))))
                .isEqualTo(new Release());
        assertThat(policy.decide(Failure.of(Kind.OUT_OF_TIME), healthy(1, 4, Duration.ZERO)))
                .isEqualTo(new Release());
    }

    @Test
    void onItsLastDeliveryARequestThatKeepsFailingWhileDeepSeekIsHealthyIsDeadLettered() {
        assertThat(policy.decide(Failure.of(DeepSeekFault.UNUSABLE_ANSWER), healthy(4, 5, PLENTY)))
                .isEqualTo(new DeadLetter(DeadLetterReason.RETRIES_EXHAUSTED));
        assertThat(policy.decide(Failure.of(Kind.OUT_OF_TIME), healthy(2, 5, Duration.ZERO)))
                .isEqualTo(new DeadLetter(DeadLetterReason.RETRIES_EXHAUSTED));
    }

    @Test
    void duringAnOutageExhaustedRecordsAreRequeuedNeverDeadLetteredNorReleased() {
        assertThat(policy.decide(Failure.of(DeepSeekFault.UNAVAILABLE), unhealthy(4, 5, PLENTY)))
                .isEqualTo(new Requeue());
        assertThat(policy.decide(Failure.of(DeepSeekFault.TIMEOUT), unhealthy(1, 1, Duration.ofSeconds(5))))
                .isEqualTo(new Requeue());
        assertThat(policy.decide(Failure.of(Kind.OUT_OF_TIME), unhealthy(1, 5, Duration.ZERO)))
                .isEqualTo(new Requeue());
    }

    private static Situation healthy(int calls, int delivery, Duration timeLeft) {
        return new Situation(calls, delivery, timeLeft, true);
    }

    private static Situation unhealthy(int calls, int delivery, Duration timeLeft) {
        return new Situation(calls, delivery, timeLeft, false);
    }

    @Test
    void decidesARoundOfVariantCallsOnItsMostSevereFailure() {
        assertThat(FailurePolicy.mostSevere(List.of(
                        Failure.of(DeepSeekFault.UNAVAILABLE),
                        Failure.of(DeepSeekFault.RATE_LIMITED),
                        Failure.of(DeepSeekFault.OUTPUT_TRUNCATED),
                        Failure.of(DeepSeekFault.ACCOUNT))))
                .isEqualTo(Failure.of(DeepSeekFault.OUTPUT_TRUNCATED));
        assertThat(FailurePolicy.mostSevere(
                        List.of(Failure.of(DeepSeekFault.UNUSABLE_ANSWER), Failure.of(DeepSeekFault.RATE_LIMITED))))
                .isEqualTo(Failure.of(DeepSeekFault.RATE_LIMITED));
    }
}
