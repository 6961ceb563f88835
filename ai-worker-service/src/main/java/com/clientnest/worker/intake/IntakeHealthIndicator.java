package com.clientnest.worker.intake;

import com.clientnest.worker.capacity.WorkerCapacity;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The worker is healthy while every lane consumer it started is alive: a consumer that died would leave capacity
 * unused and, on a one-instance fleet, a lane unserved. An open circuit breaker is shown, not reported as down:
 * a DeepSeek outage is not cured by restarting workers. Shown under {@code /actuator/health} as {@code intake}.
 */
@Component("intake")
class IntakeHealthIndicator implements HealthIndicator {

    private final LaneIntake intake;
    private final WorkerCapacity capacity;

    IntakeHealthIndicator(LaneIntake intake, WorkerCapacity capacity) {
        this.intake = intake;
        this.capacity = capacity;
    }

    @Override
    public Health health() {
        LaneIntake.IntakeState state = intake.state();
        WorkerCapacity.Snapshot now = capacity.snapshot();
        Health.Builder health = state.healthy() ? Health.up() : Health.down();
        return health.withDetail("consumersAlive", state.consumersAlive())
                .withDetail("consumersPerLane", state.consumersPerLane())
                .withDetail("recordsHeld", state.recordsHeld())
                .withDetail("callsInFlight", now.callsInFlight())
                .withDetail("peakCallsInFlight", now.peakCallsInFlight())
                .withDetail("capacity", now.intakeCapacity())
                .withDetail("maxInFlight", now.maxInFlight())
                .withDetail("accountLimit", now.accountLimit())
                .withDetail("fleetInstances", now.fleetInstances())
                .withDetail("fleetShare", now.fleetShare())
                .withDetail("adaptiveLimit", now.adaptiveLimit())
                .withDetail("breaker", now.breakerState())
                .build();
    }
}
