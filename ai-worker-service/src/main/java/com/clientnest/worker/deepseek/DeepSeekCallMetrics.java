package com.clientnest.worker.deepseek;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Times every DeepSeek call as {@code clientnest.deepseek.calls}, by model and by how it ended: the HTTP status,
 * or {@code timeout} / {@code connection} when no answer came. A histogram rather than client-side percentiles, so
 * Prometheus can aggregate the latency over the whole fleet.
 */
@Component
class DeepSeekCallMetrics {

    static final String CALLS = "clientnest.deepseek.calls";

    private final MeterRegistry registry;

    DeepSeekCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void answered(String model, int status, long nanos) {
        record(model, Integer.toString(status), nanos);
    }

    void unanswered(String model, DeepSeekFault fault, long nanos) {
        record(model, fault == DeepSeekFault.TIMEOUT ? "timeout" : "connection", nanos);
    }

    private void record(String model, String status, long nanos) {
        Timer.builder(CALLS)
                .description("DeepSeek chat completion calls, by model and HTTP status (or timeout/connection)")
                .tags("model", model, "status", status)
                .publishPercentileHistogram()
                // DeepSeek answers in seconds; buckets from 50 ms to the longest deadline keep the series few.
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofSeconds(120))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
