package com.clientnest.local.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one fault did to the pipeline.
 *
 * @param answers how the gateway answered the load (HTTP status or unreachable), with counts
 * @param slowestMillis the slowest answer of each kind
 * @param finalStates the accepted requests by status once drained; {@code MISSING} would be a lost request
 * @param lost accepted requests that never reached a final state within the drain limit
 * @param answeredCalls DeepSeek calls the simulator answered 200
 * @param usageRecords usage records the ledger gained
 * @param calledTwice requests that came to have more usage records than the calls they need (one, or one per
 *     variant) during this drill
 * @param quotaOverruns users whose usage passed one of their tier's limits
 * @param drained from the end of the load until every accepted request was final
 */
public record FaultOutcome(
        String fault,
        int accepted,
        Map<String, Long> answers,
        Map<String, Long> slowestMillis,
        Map<String, Long> finalStates,
        long lost,
        long answeredCalls,
        long usageRecords,
        long calledTwice,
        List<String> quotaOverruns,
        boolean billedExactly,
        Duration drained) {

    /**
     * Everything accepted completed, nothing billed twice, no quota passed, every call billed if it must be, and no
     * answer a server error other than {@code 503 unavailable} (a 500 is a fault the gateway did not map).
     */
    public boolean passed() {
        boolean onlyUnavailable =
                answers.keySet().stream().noneMatch(status -> status.startsWith("5") && !status.equals("503"));
        return lost == 0
                && onlyUnavailable
                && finalStates.getOrDefault("COMPLETED", 0L) == accepted
                && quotaOverruns.isEmpty()
                && (billedExactly ? usageRecords == answeredCalls && calledTwice == 0 : usageRecords <= answeredCalls);
    }

    public static String tableHeader() {
        return "| fault | accepted | gateway answers | slowest answer (ms) | final states | lost | DeepSeek 200s | usage records | requests called twice"
                + " | quota overruns | drained in | verdict |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    }

    public String tableRow() {
        return "| %s | %d | %s | %s | %s | %d | %d | %d%s | %d | %d | %.1f s | %s |%n"
                .formatted(
                        fault,
                        accepted,
                        answers,
                        slowestMillis,
                        finalStates,
                        lost,
                        answeredCalls,
                        usageRecords,
                        billedExactly ? "" : " (≤ calls: a killed worker cannot bill what it never read)",
                        calledTwice,
                        quotaOverruns.size(),
                        drained.toMillis() / 1000.0,
                        passed() ? "pass" : "FAIL");
    }
}
