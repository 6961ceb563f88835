package com.clientnest.simulator;

import java.util.Map;

/**
 * A snapshot of the chat completion calls the simulator has seen since start or the last reset. Control API calls
 * are not counted.
 *
 * @param totalCalls calls received
 * @param inFlight calls received and not yet finished
 * @param peakInFlight the highest {@code inFlight} seen
 * @param callsByStatus answered calls by HTTP status
 * @param abandoned calls the client gave up on before an answer was sent (e.g. timeout faults)
 */
public record SimulatorStats(
        long totalCalls, long inFlight, long peakInFlight, Map<Integer, Long> callsByStatus, long abandoned) {

    public SimulatorStats {
        callsByStatus = Map.copyOf(callsByStatus);
    }

    public long callsWithStatus(int status) {
        return callsByStatus.getOrDefault(status, 0L);
    }
}
