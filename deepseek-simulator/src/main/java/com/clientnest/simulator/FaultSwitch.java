package com.clientnest.simulator;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/** The fault plan currently in force, if any; replaced atomically so control calls never block serving calls. */
final class FaultSwitch {

    private record Active(FaultPlan plan, long untilNanos) {}

    private final AtomicReference<Active> active = new AtomicReference<>();
    private final LongSupplier nanoClock;

    FaultSwitch(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void set(FaultPlan plan) {
        active.set(new Active(plan, nanoClock.getAsLong() + plan.duration().toNanos()));
    }

    void clear() {
        active.set(null);
    }

    Optional<FaultPlan> current() {
        Active current = active.get();
        if (current == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - current.untilNanos() >= 0) {
            active.compareAndSet(current, null);
            return Optional.empty();
        }
        return Optional.of(current.plan());
    }

    /** The fault that hits this call, drawn with the plan's probability. */
    Optional<FaultPlan> draw() {
        return current().filter(plan -> ThreadLocalRandom.current().nextDouble() < plan.probability());
    }
}
