package com.clientnest.worker.processing;

import com.clientnest.schemas.topics.DeadLetterReason;
import com.clientnest.worker.deepseek.DeepSeekFault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What became of failed calls: {@code clientnest.worker.retries} by the fault retried, and
 * {@code clientnest.worker.dead.letters} by the public reason code; {@code clientnest.worker.cancelled.skipped} counts
 * cancelled requests acknowledged without a call. Both tags come from closed enums, so the
 * number of series stays fixed.
 */
@Component
class ProcessingMetrics {

    static final String RETRIES = "clientnest.worker.retries";
    static final String DEAD_LETTERS = "clientnest.worker.dead.letters";
    static final String CANCELLED_SKIPPED = "clientnest.worker.cancelled.skipped";

    private final MeterRegistry registry;

    // Every DeepSeek fault and reason exists from the start at 0, so the first occurrence shows as an increase.
    ProcessingMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DeepSeekFault fault : DeepSeekFault.values()) {
            retries(fault.name());
        }
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters(reason);
        }
    }

    void retried(FailurePolicy.Failure failure) {
        retries(
                        failure.fault() != null
                                ? failure.fault().name()
                                : failure.kind().name())
                .increment();
    }

    void deadLettered(DeadLetterReason reason) {
        deadLetters(reason).increment();
    }

    void skippedCancelled() {
        Counter.builder(CANCELLED_SKIPPED)
                .description("Requests acknowledged without a DeepSeek call because their owner cancelled them")
                .register(registry)
                .increment();
    }

    private Counter retries(String fault) {
        return Counter.builder(RETRIES)
                .description("DeepSeek calls retried in place after a transient failure, by fault")
                .tag("fault", fault.toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter deadLetters(DeadLetterReason reason) {
        return Counter.builder(DEAD_LETTERS)
                .description("Requests sent to the dead-letter topic, by reason code")
                .tag("reason", reason.code())
                .register(registry);
    }
}
