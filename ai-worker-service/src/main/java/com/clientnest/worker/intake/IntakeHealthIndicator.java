package com.clientnest.worker.intake;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The worker is healthy while every lane consumer it started is alive: a consumer that died would leave capacity
 * unused and, on a one-instance fleet, a lane unserved. Shown under {@code /actuator/health} as {@code intake}.
 */
@Component("intake")
class IntakeHealthIndicator implements HealthIndicator {

    private final LaneIntake intake;

    IntakeHealthIndicator(LaneIntake intake) {
        this.intake = intake;
    }

    @Override
    public Health health() {
        LaneIntake.IntakeState state = intake.state();
        Health.Builder health = state.healthy() ? Health.up() : Health.down();
        return health.withDetail("consumersAlive", state.consumersAlive())
                .withDetail("consumersPerLane", state.consumersPerLane())
                .withDetail("permitsInUse", state.permitsInUse())
                .build();
    }
}
