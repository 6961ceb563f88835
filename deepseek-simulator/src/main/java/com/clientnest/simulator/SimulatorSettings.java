package com.clientnest.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Start settings of a {@link DeepSeekSimulator}. Latency, faults and the concurrency limit can be changed later
 * through the simulator's control API; the rest is fixed for its lifetime.
 *
 * @param host address to bind; tests use the loopback address, a container needs {@code 0.0.0.0}
 * @param port port to listen on; 0 picks a free port
 * @param models model names the simulated account may call; others are refused as DeepSeek refuses them
 * @param latency initial latency profile
 * @param concurrencyLimit calls served at once before DeepSeek's 429 "rate limit reached" answer
 * @param requiredApiKey the only bearer key accepted, or {@code null} to accept any non-blank key
 * @param cachedPrefixes how many 64-token prompt prefixes the context cache remembers (least recently used go
 *     first)
 */
public record SimulatorSettings(
        String host,
        int port,
        List<String> models,
        LatencyProfile latency,
        int concurrencyLimit,
        String requiredApiKey,
        int cachedPrefixes) {

    public static final int DEFAULT_PORT = 8090;

    /** Names of the environment variables read by {@link #fromEnvironment}; see the module README. */
    static final String ENV_HOST = "DEEPSEEK_SIM_HOST";

    static final String ENV_PORT = "DEEPSEEK_SIM_PORT";
    static final String ENV_MODELS = "DEEPSEEK_SIM_MODELS";
    static final String ENV_LATENCY_MEAN = "DEEPSEEK_SIM_LATENCY_MEAN_MS";
    static final String ENV_LATENCY_P99 = "DEEPSEEK_SIM_LATENCY_P99_MS";
    static final String ENV_PER_TOKEN = "DEEPSEEK_SIM_PER_OUTPUT_TOKEN_MS";
    static final String ENV_CONCURRENCY = "DEEPSEEK_SIM_CONCURRENCY_LIMIT";
    static final String ENV_API_KEY = "DEEPSEEK_SIM_API_KEY";
    static final String ENV_CACHED_PREFIXES = "DEEPSEEK_SIM_CACHED_PREFIXES";

    public SimulatorSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within [0, 65535]");
        }
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is required");
        }
        if (latency == null) {
            throw new IllegalArgumentException("latency is required");
        }
        if (concurrencyLimit < 1) {
            throw new IllegalArgumentException("concurrencyLimit must be positive");
        }
        if (requiredApiKey != null && requiredApiKey.isBlank()) {
            requiredApiKey = null;
        }
        if (cachedPrefixes < 0) {
            throw new IllegalArgumentException("cachedPrefixes must not be negative");
        }
    }

    /** Port 8090 on the loopback address, both current models, no latency, 500 concurrent calls, any key. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(
                "127.0.0.1",
                DEFAULT_PORT,
                List.of("deepseek-flash", "deepseek-v4-pro"),
                LatencyProfile.none(),
                500,
                null,
                100_000);
    }

    /**
     * Settings for the standalone server: the defaults, listening on all interfaces so a container can be reached,
     * overridden by {@code DEEPSEEK_SIM_*} environment variables and, above them, by the matching system properties
     * ({@code DEEPSEEK_SIM_PORT} is {@code deepseek.sim.port}).
     */
    public static SimulatorSettings fromEnvironment(Map<String, String> environment, Properties systemProperties) {
        UnaryOperator<String> lookup = name -> {
            String property = systemProperties.getProperty(name.toLowerCase().replace('_', '.'));
            String value = property != null ? property : environment.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        SimulatorSettings base = defaults().withHost("0.0.0.0");
        LatencyProfile latency = new LatencyProfile(
                longOr(lookup.apply(ENV_LATENCY_MEAN), base.latency.meanMs(), ENV_LATENCY_MEAN),
                longOr(lookup.apply(ENV_LATENCY_P99), base.latency.p99Ms(), ENV_LATENCY_P99),
                doubleOr(lookup.apply(ENV_PER_TOKEN), base.latency.perOutputTokenMs(), ENV_PER_TOKEN));
        String models = lookup.apply(ENV_MODELS);
        return new SimulatorSettings(
                orDefault(lookup.apply(ENV_HOST), base.host),
                (int) longOr(lookup.apply(ENV_PORT), base.port, ENV_PORT),
                models == null
                        ? base.models
                        : Arrays.stream(models.split(","))
                                .map(String::trim)
                                .filter(m -> !m.isEmpty())
                                .toList(),
                latency,
                (int) longOr(lookup.apply(ENV_CONCURRENCY), base.concurrencyLimit, ENV_CONCURRENCY),
                lookup.apply(ENV_API_KEY),
                (int) longOr(lookup.apply(ENV_CACHED_PREFIXES), base.cachedPrefixes, ENV_CACHED_PREFIXES));
    }

    public SimulatorSettings withHost(String host) {
        return new SimulatorSettings(host, port, models, latency, concurrencyLimit, requiredApiKey, cachedPrefixes);
    }

    public SimulatorSettings withPort(int port) {
        return new SimulatorSettings(host, port, models, latency, concurrencyLimit, requiredApiKey, cachedPrefixes);
    }

    public SimulatorSettings withModels(List<String> models) {
        return new SimulatorSettings(host, port, models, latency, concurrencyLimit, requiredApiKey, cachedPrefixes);
    }

    public SimulatorSettings withLatency(LatencyProfile latency) {
        return new SimulatorSettings(host, port, models, latency, concurrencyLimit, requiredApiKey, cachedPrefixes);
    }

    public SimulatorSettings withLatency(long meanMs, long p99Ms) {
        return withLatency(new LatencyProfile(meanMs, p99Ms, latency.perOutputTokenMs()));
    }

    public SimulatorSettings withConcurrencyLimit(int concurrencyLimit) {
        return new SimulatorSettings(host, port, models, latency, concurrencyLimit, requiredApiKey, cachedPrefixes);
    }

    public SimulatorSettings withRequiredApiKey(String requiredApiKey) {
        return new SimulatorSettings(host, port, models, latency, concurrencyLimit, requiredApiKey, cachedPrefixes);
    }

    public SimulatorSettings withCachedPrefixes(int cachedPrefixes) {
        return new SimulatorSettings(host, port, models, latency, concurrencyLimit, requiredApiKey, cachedPrefixes);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static long longOr(String value, long fallback, String name) {
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static double doubleOr(String value, double fallback, String name) {
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }
}
