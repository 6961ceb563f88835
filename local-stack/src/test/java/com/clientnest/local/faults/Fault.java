package com.clientnest.local.faults;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.simulator.FaultMode;
import com.clientnest.simulator.FaultPlan;
import java.time.Duration;

/**
 * One fault of the suite: what breaks, for how long, and how it is undone. The suite injects it under a steady load
 * and then checks that nothing accepted was lost or billed twice.
 *
 * @param billedExactly whether every answered DeepSeek call must be in the ledger and no request called twice: not
 *     when a worker is killed, as DeepSeek may have answered calls the dead process never read or published, and
 *     their requests are called again by the next worker
 */
public record Fault(String name, Duration lasting, boolean billedExactly, Action inject, Action recover) {

    /** Something done to the running stack or to the infrastructure under it. */
    public interface Action {
        void on(LocalStack stack, Infrastructure infrastructure);
    }

    /** {@code kill -9} of a service's process, started again after {@code lasting}. */
    public static Fault kill(String service, Duration lasting) {
        return new Fault(
                "kill -9 " + service,
                lasting,
                !service.equals("worker"),
                (stack, infrastructure) -> stack.kill(service),
                (stack, infrastructure) -> stack.restart(service));
    }

    /** DeepSeek answers 503 to every call for {@code lasting}. */
    public static Fault deepSeekOutage(Duration lasting) {
        return new Fault(
                "DeepSeek 503 outage",
                lasting,
                true,
                (stack, infrastructure) ->
                        stack.simulator().faults(FaultPlan.status(503, 1.0, lasting.plusMinutes(10))),
                (stack, infrastructure) -> stack.simulator().clearFaults());
    }

    /** DeepSeek holds every call open until the worker's request timeout gives up, for {@code lasting}. */
    public static Fault deepSeekHangs(Duration lasting) {
        return new Fault(
                "DeepSeek holds calls until they time out",
                lasting,
                true,
                (stack, infrastructure) ->
                        stack.simulator().faults(FaultPlan.mode(FaultMode.TIMEOUT, 1.0, lasting.plusMinutes(10))),
                (stack, infrastructure) -> stack.simulator().clearFaults());
    }

    /** The account's concurrency limit cut to {@code limit} (429 above it) for {@code lasting}. */
    public static Fault accountLimitCut(int limit, Duration lasting) {
        int[] before = new int[1];
        return new Fault(
                "account limit cut to " + limit,
                lasting,
                true,
                (stack, infrastructure) -> {
                    before[0] = stack.simulator().concurrencyLimit();
                    stack.simulator().concurrencyLimit(limit);
                },
                (stack, infrastructure) -> stack.simulator().concurrencyLimit(before[0]));
    }

    /** The Kafka broker stopped for {@code lasting}, then started again with all its data. */
    public static Fault brokerRestart(Duration lasting) {
        return new Fault(
                "Kafka broker restart",
                lasting,
                true,
                (stack, infrastructure) -> embedded(infrastructure).kafka().stop(),
                (stack, infrastructure) -> embedded(infrastructure).kafka().startAgain());
    }

    /** PostgreSQL crashed (immediate stop) for {@code lasting}, then started again and recovered from its log. */
    public static Fault postgresCrash(Duration lasting) {
        return new Fault(
                "PostgreSQL crash and restart",
                lasting,
                true,
                (stack, infrastructure) -> embedded(infrastructure).postgres().crash(),
                (stack, infrastructure) -> embedded(infrastructure).postgres().startAgain());
    }

    private static EmbeddedInfrastructure embedded(Infrastructure infrastructure) {
        if (infrastructure instanceof EmbeddedInfrastructure embedded) {
            return embedded;
        }
        throw new IllegalArgumentException("Only embedded infrastructure can be restarted by the suite");
    }
}
