package com.clientnest.worker.capacity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The worker's capacity as metrics, beside its health: calls in flight, the capacity and fleet share behind them,
 * and the circuit breaker's state (0 closed, 1 half-open, 2 open), so an operator can graph an outage and its end.
 */
@Component
class CapacityMetrics implements MeterBinder {

    private static final Map<String, Integer> BREAKER_STATES = Map.of("CLOSED", 0, "HALF_OPEN", 1, "OPEN", 2);

    private final WorkerCapacity capacity;

    CapacityMetrics(WorkerCapacity capacity) {
        this.capacity = capacity;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "clientnest.worker.calls.in.flight",
                        capacity,
                        c -> c.snapshot().callsInFlight())
                .description("DeepSeek calls this instance has open")
                .register(registry);
        Gauge.builder("clientnest.worker.capacity", capacity, c -> c.snapshot().intakeCapacity())
                .description(
                        "Records this instance may hold now: fleet share, adapted to 429s, 0 while the breaker is open")
                .register(registry);
        Gauge.builder(
                        "clientnest.worker.fleet.share",
                        capacity,
                        c -> c.snapshot().fleetShare())
                .description("This instance's share of clientnest.deepseek.max-concurrency")
                .register(registry);
        Gauge.builder(
                        "clientnest.worker.fleet.instances",
                        capacity,
                        c -> c.snapshot().fleetInstances())
                .description("Live worker instances in the share group")
                .register(registry);
        Gauge.builder(
                        "clientnest.deepseek.breaker.state",
                        capacity,
                        c -> BREAKER_STATES.getOrDefault(c.snapshot().breakerState(), 2))
                .description("0 closed, 1 half-open, 2 open")
                .register(registry);
    }
}
