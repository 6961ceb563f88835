package com.clientnest.local;

import com.clientnest.cost.CostApplication;
import com.clientnest.gateway.GatewayApplication;
import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.simulator.DeepSeekSimulator;
import com.clientnest.simulator.SimulatorSettings;
import com.clientnest.worker.WorkerApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services (and the simulator, when there is no DeepSeek key) started in this JVM against one Kafka
 * broker and one PostgreSQL. Each service keeps its own Spring context, configuration file, database schema
 * and consumer groups, exactly as when it runs alone.
 */
public final class LocalStack implements AutoCloseable {

    private static final int SIMULATED_ACCOUNT_LIMIT = 2000;

    private final DeepSeekSimulator simulator;
    private final List<ConfigurableApplicationContext> services;
    private final String deepSeekBaseUrl;

    private LocalStack(
            DeepSeekSimulator simulator, List<ConfigurableApplicationContext> services, String deepSeekBaseUrl) {
        this.simulator = simulator;
        this.services = services;
        this.deepSeekBaseUrl = deepSeekBaseUrl;
    }

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
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            String kafka = "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers();
            started.add(run(
                    CostApplication.class,
                    CostApplication.CONFIG_NAME,
                    settings.costPort(),
                    kafka,
                    concat(
                            database(infrastructure),
                            List.of("--clientnest.cost.api.service-token=" + settings.serviceToken()))));
            started.add(run(
                    WorkerApplication.class,
                    WorkerApplication.CONFIG_NAME,
                    settings.workerPort(),
                    kafka,
                    concat(
                            List.of(
                                    "--clientnest.deepseek.base-url=" + deepSeekUrl,
                                    "--clientnest.deepseek.api-key=" + deepSeekKey),
                            simulator == null
                                    ? List.of()
                                    : List.of("--clientnest.deepseek.max-concurrency=" + SIMULATED_ACCOUNT_LIMIT))));
            started.add(run(
                    GatewayApplication.class,
                    GatewayApplication.CONFIG_NAME,
                    settings.gatewayPort(),
                    kafka,
                    concat(
                            database(infrastructure),
                            List.of(
                                    "--clientnest.gateway.admin-api-key=" + settings.adminApiKey(),
                                    "--clientnest.gateway.dev-user.api-key=" + settings.devApiKey(),
                                    // The cost service's port is only known now when the settings ask for any free one.
                                    "--clientnest.gateway.quota.cost-service-url=" + url(started.get(0)),
                                    "--clientnest.gateway.quota.service-token=" + settings.serviceToken()))));
        } catch (RuntimeException e) {
            new LocalStack(simulator, started, deepSeekUrl).close();
            throw e;
        }
        return new LocalStack(simulator, started, deepSeekUrl);
    }

    public String gatewayUrl() {
        return url(services.get(2));
    }

    public String costUrl() {
        return url(services.get(0));
    }

    public String workerUrl() {
        return url(services.get(1));
    }

    public String deepSeekBaseUrl() {
        return deepSeekBaseUrl;
    }

    /** The simulator standing in for DeepSeek, or null when a real key was given. */
    public DeepSeekSimulator simulator() {
        return simulator;
    }

    /** Stops the gateway first, so no new request comes in while the worker and cost service finish theirs. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.forEach(ConfigurableApplicationContext::close);
        if (simulator != null) {
            simulator.close();
        }
    }

    // Command-line arguments outrank each service's own configuration file, as they would in a container.
    // Logging is one system for the whole JVM (local-stack's logback.xml): no application name in the lines,
    // which would only name the service that happened to start last.
    private static ConfigurableApplicationContext run(
            Class<?> application, String configName, int port, String kafka, List<String> extra) {
        List<String> args =
                new ArrayList<>(List.of("--server.port=" + port, kafka, "--logging.include-application-name=false"));
        args.addAll(extra);
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + configName)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    private static List<String> database(Infrastructure infrastructure) {
        return List.of(
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=" + infrastructure.databaseUsername(),
                "--spring.datasource.password=" + infrastructure.databasePassword());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String url(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://localhost:" + port;
    }
}
