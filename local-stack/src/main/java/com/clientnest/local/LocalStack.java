package com.clientnest.local;

import com.clientnest.cost.CostApplication;
import com.clientnest.gateway.GatewayApplication;
import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.SimulatorSettings;
import com.clientnest.worker.WorkerApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The three services (and the simulator, when there is no DeepSeek key) started against one Kafka broker and one
 * PostgreSQL, in this JVM by default or each as a process of its own. In this JVM each service keeps its own
 * Spring context, configuration file, database schema and consumer groups, exactly as when it runs alone.
 */
public final class LocalStack implements AutoCloseable {

    private static final int SIMULATED_ACCOUNT_LIMIT = 2000;
    private static final Duration PROCESS_START_TIMEOUT = Duration.ofSeconds(120);

    private final DeepSeekSimulator simulator;
    private final List<RunningService> services;
    private final List<ServiceLaunch> launches;
    private final Function<ServiceLaunch, RunningService> starter;
    private final String deepSeekBaseUrl;

    private LocalStack(
            DeepSeekSimulator simulator,
            List<RunningService> services,
            List<ServiceLaunch> launches,
            Function<ServiceLaunch, RunningService> starter,
            String deepSeekBaseUrl) {
        this.simulator = simulator;
        this.services = services;
        this.launches = launches;
        this.starter = starter;
        this.deepSeekBaseUrl = deepSeekBaseUrl;
    }

    /**
     * Starts the cost service, the worker and the gateway, in that order, each in this JVM or, with {@link
     * LocalStackSettings#separateProcesses()}, as a JVM of its own from its module's jar.
     */
    public static LocalStack start(LocalStackSettings settings, Infrastructure infrastructure) {
        // The simulated account takes as many concurrent calls as the worker's default account limit, so a local
        // run shows the worker at full capacity rather than adapting to 429s.
        DeepSeekSimulator simulator = settings.usesSimulator()
                ? DeepSeekSimulator.start(SimulatorSettings.defaults()
                        .withPort(settings.simulatorPort())
                        .withConcurrencyLimit(SIMULATED_ACCOUNT_LIMIT))
                : null;
        String deepSeekUrl = simulator != null ? simulator.baseUrl() : settings.deepSeekBaseUrl();
        String deepSeekKey = simulator != null ? "local-simulator-key" : settings.deepSeekApiKey();
        Function<ServiceLaunch, RunningService> starter = starter(settings);
        List<RunningService> started = new ArrayList<>();
        List<ServiceLaunch> launches = new ArrayList<>();
        Function<ServiceLaunch, RunningService> recorded = launch -> {
            launches.add(launch);
            return starter.apply(launch);
        };
        try {
            List<String> kafka = kafka(settings, infrastructure);
            started.add(recorded.apply(new ServiceLaunch(
                    "cost-service",
                    "cost-service",
                    CostApplication.class,
                    CostApplication.CONFIG_NAME,
                    port(settings, settings.costPort()),
                    concat(
                            kafka,
                            database(infrastructure),
                            List.of("--clientnest.cost.api.service-token=" + settings.serviceToken())))));
            started.add(recorded.apply(new ServiceLaunch(
                    "worker",
                    "ai-worker-service",
                    WorkerApplication.class,
                    WorkerApplication.CONFIG_NAME,
                    port(settings, settings.workerPort()),
                    concat(
                            kafka,
                            List.of(
                                    "--clientnest.deepseek.base-url=" + deepSeekUrl,
                                    "--clientnest.deepseek.api-key=" + deepSeekKey),
                            simulator == null
                                    ? List.of()
                                    : List.of("--clientnest.deepseek.max-concurrency=" + SIMULATED_ACCOUNT_LIMIT)))));
            started.add(recorded.apply(new ServiceLaunch(
                    "gateway",
                    "gateway-service",
                    GatewayApplication.class,
                    GatewayApplication.CONFIG_NAME,
                    port(settings, settings.gatewayPort()),
                    concat(
                            kafka,
                            database(infrastructure),
                            List.of(
                                    "--clientnest.gateway.admin-api-key=" + settings.adminApiKey(),
                                    "--clientnest.gateway.dev-user.api-key=" + settings.devApiKey(),
                                    // The cost service's port is only known now when the settings ask for any free one.
                                    "--clientnest.gateway.quota.cost-service-url="
                                            + started.get(0).url(),
                                    "--clientnest.gateway.quota.service-token=" + settings.serviceToken())))));
        } catch (RuntimeException e) {
            new LocalStack(simulator, started, launches, starter, deepSeekUrl).close();
            throw e;
        }
        return new LocalStack(simulator, started, launches, starter, deepSeekUrl);
    }

    public String gatewayUrl() {
        return services.get(2).url();
    }

    public String costUrl() {
        return services.get(0).url();
    }

    public String workerUrl() {
        return services.get(1).url();
    }

    public String deepSeekBaseUrl() {
        return deepSeekBaseUrl;
    }

    /** The simulator standing in for DeepSeek, or null when a real key was given. */
    public DeepSeekSimulator simulator() {
        return simulator;
    }

    /** The services as processes of their own, in start order; empty when they run in this JVM. */
    public List<ServiceProcess> processes() {
        return services.stream()
                .filter(ServiceProcess.class::isInstance)
                .map(ServiceProcess.class::cast)
                .toList();
    }

    /**
     * Kills a service's process at once ({@code kill -9}): no graceful shutdown, no offsets committed, no
     * acknowledgement sent, as in a crash. Only in the process mode.
     *
     * @param name {@code gateway}, {@code worker} or {@code cost-service}
     */
    public void kill(String name) {
        process(name).kill();
    }

    /** Starts a killed or stopped service's process again, with the same port and arguments, and waits for it. */
    public void restart(String name) {
        ServiceProcess old = process(name);
        old.close();
        int index = services.indexOf(old);
        services.set(index, starter.apply(launches.get(index)));
    }

    private ServiceProcess process(String name) {
        return processes().stream()
                .filter(process -> process.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No process named " + name + " in " + processes()));
    }

    /** Stops the gateway first, so no new request comes in while the worker and cost service finish theirs. */
    @Override
    public void close() {
        List<RunningService> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.forEach(RunningService::close);
        if (simulator != null) {
            simulator.close();
        }
    }

    private static Function<ServiceLaunch, RunningService> starter(LocalStackSettings settings) {
        if (!settings.separateProcesses()) {
            return ServiceContext::start;
        }
        ServiceJars jars = ServiceJars.inRepositoryAround(Path.of(""));
        Path logs = Path.of(System.getProperty("java.io.tmpdir"), "clientnest-logs");
        return launch -> ServiceProcess.start(
                launch, jars.of(launch.module()), settings.serviceJavaOptions(), logs, PROCESS_START_TIMEOUT);
    }

    // A process's port must be known before it starts, so "any free port" is chosen here rather than by the
    // service; in this JVM the service picks it and reports it.
    private static int port(LocalStackSettings settings, int port) {
        return port == 0 && settings.separateProcesses() ? ServiceProcess.freePort() : port;
    }

    private static List<String> database(Infrastructure infrastructure) {
        return List.of(
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=" + infrastructure.databaseUsername(),
                "--spring.datasource.password=" + infrastructure.databasePassword());
    }

    private static List<String> kafka(LocalStackSettings settings, Infrastructure infrastructure) {
        List<String> kafka =
                new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers()));
        if (!settings.topicPrefix().isEmpty()) {
            kafka.add("--clientnest.kafka.topic-prefix=" + settings.topicPrefix());
        }
        return kafka;
    }

    // Command-line arguments outrank each service's own configuration file, as they would in a container.
    @SafeVarargs
    private static List<String> concat(List<String> kafka, List<String>... parts) {
        List<String> all = new ArrayList<>(kafka);
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
