package com.clientnest.simulator;

/**
 * What the control API can change while the server runs, shared by the chat endpoint, the control endpoint and the
 * Java API. Every part is thread-safe on its own, so control calls never wait for serving calls.
 */
final class SimulatorState {

    private final SimulatorSettings settings;
    private final StatsRecorder stats = new StatsRecorder();
    private final FaultSwitch faults = new FaultSwitch(System::nanoTime);
    private final ConcurrencyGate gate;
    private final PromptCache cache;
    private volatile LatencySampler latency;

    SimulatorState(SimulatorSettings settings) {
        this.settings = settings;
        this.gate = new ConcurrencyGate(settings.concurrencyLimit());
        this.cache = new PromptCache(settings.cachedPrefixes());
        this.latency = new LatencySampler(settings.latency());
    }

    SimulatorSettings settings() {
        return settings;
    }

    StatsRecorder stats() {
        return stats;
    }

    FaultSwitch faults() {
        return faults;
    }

    ConcurrencyGate gate() {
        return gate;
    }

    PromptCache cache() {
        return cache;
    }

    LatencySampler latency() {
        return latency;
    }

    void latency(LatencyProfile profile) {
        latency = new LatencySampler(profile);
    }

    /** Back to the start settings, with empty counters and an empty context cache. */
    void reset() {
        faults.clear();
        latency(settings.latency());
        gate.limit(settings.concurrencyLimit());
        cache.clear();
        stats.reset();
    }
}
