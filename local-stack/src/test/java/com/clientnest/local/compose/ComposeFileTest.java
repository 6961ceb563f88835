package com.clientnest.local.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The structure of {@code docker-compose.yml} and of the Prometheus configuration it mounts, checked without a
 * Docker engine: what is declared, how it starts, what scales, and that every variable handed to a service is one
 * the service reads.
 */
class ComposeFileTest {

    private static final Set<String> JAVA_SERVICES =
            Set.of("gateway-service", "ai-worker-service", "cost-service", "deepseek-simulator");
    private static final String ONE_SHOT = "kafka-init";

    private static Path root;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void readComposeFile() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        services = map(load(root.resolve("docker-compose.yml")).get("services"));
    }

    @Test
    void everyServiceOfTheSuiteIsDeclaredWithAnImagePinnedToAnExactTag() {
        // Given the compose file

        // When its services and images are read
        Map<String, String> images = new TreeMap<>();
        services.forEach((name, service) -> images.put(name, (String) service.get("image")));

        // Then the whole suite is there, each image with an exact tag
        assertThat(images)
                .containsOnlyKeys(
                        "kafka",
                        ONE_SHOT,
                        "postgres",
                        "deepseek-simulator",
                        "cost-service",
                        "ai-worker-service",
                        "gateway-service",
                        "prometheus",
                        "grafana");
        assertThat(images.values())
                .allSatisfy(image -> assertThat(image)
                        .matches("[a-z0-9./-]+:[A-Za-z0-9._-]+")
                        .doesNotEndWith(":latest"));
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndEveryDependencyWaitsForItsCondition() {
        // Given the compose file

        // When the health checks and dependencies are read
        Map<String, String> conditions = new TreeMap<>();
        services.forEach((name, service) -> ComposeFileTest.<Object>map(service.get("depends_on"))
                .forEach((dependency, spec) -> conditions.put(
                        name + " -> " + dependency, (String) map(spec).get("condition"))));

        // Then every service but the one-shot init has a health check, and each waits for its dependencies to be
        // healthy (or, for the init, to have completed)
        services.forEach((name, service) -> {
            if (!name.equals(ONE_SHOT)) {
                assertThat(map(service.get("healthcheck")).get("test"))
                        .as(name + " healthcheck")
                        .isNotNull();
            }
        });
        assertThat(conditions)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("kafka-init -> kafka", "service_healthy"),
                        Map.entry("cost-service -> kafka-init", "service_completed_successfully"),
                        Map.entry("cost-service -> postgres", "service_healthy"),
                        Map.entry("ai-worker-service -> kafka-init", "service_completed_successfully"),
                        Map.entry("ai-worker-service -> deepseek-simulator", "service_healthy"),
                        Map.entry("gateway-service -> kafka-init", "service_completed_successfully"),
                        Map.entry("gateway-service -> postgres", "service_healthy"),
                        Map.entry("gateway-service -> cost-service", "service_healthy"),
                        Map.entry("prometheus -> gateway-service", "service_healthy"),
                        Map.entry("prometheus -> ai-worker-service", "service_healthy"),
                        Map.entry("prometheus -> cost-service", "service_healthy"),
                        Map.entry("grafana -> prometheus", "service_healthy")));
    }

    @Test
    void theWorkerScalesBecauseNoServiceHasAFixedNameAndTheWorkerPublishesNoHostPort() {
        // Given the compose file

        // When the names and ports are read
        Map<String, Object> worker = services.get("ai-worker-service");

        // Then `docker compose up --scale ai-worker-service=3` cannot collide on a name or a host port
        assertThat(services.values()).allSatisfy(service -> assertThat(service).doesNotContainKey("container_name"));
        assertThat(worker).doesNotContainKeys("ports", "container_name");
    }

    @Test
    void theBrokerIsSetUpForShareGroupsAsTheEmbeddedBrokerIs() throws IOException {
        // Given the compose file and the worker's configuration
        Map<String, Object> workerConfig = map(map(load(root.resolve("ai-worker-service/src/main/resources/worker.yml"))
                        .get("clientnest"))
                .get("worker"));

        // When the broker's settings and its init are read
        Map<String, Object> brokerEnv = map(services.get("kafka").get("environment"));
        String init = list(services.get(ONE_SHOT).get("command")).toString();

        // Then the delivery limit is the worker's, share.version is finalised before any service starts
        assertThat(brokerEnv.get("KAFKA_GROUP_SHARE_DELIVERY_COUNT_LIMIT"))
                .isEqualTo(workerConfig.get("max-deliveries"));
        assertThat(brokerEnv).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(init).contains("kafka-features.sh --bootstrap-server kafka:9092 upgrade --feature share.version=1");
        assertThat(services.get(ONE_SHOT).get("image"))
                .isEqualTo(services.get("kafka").get("image"));
    }

    @Test
    void everyVariableHandedToAServiceIsOneThatServiceReads() throws IOException {
        // Given what each service reads from its environment
        Map<String, ServiceEnvironment> reads = Map.of(
                "gateway-service", ServiceEnvironment.of(root.resolve("gateway-service"), "com.clientnest.gateway"),
                "cost-service", ServiceEnvironment.of(root.resolve("cost-service"), "com.clientnest.cost"),
                "ai-worker-service", ServiceEnvironment.of(root.resolve("ai-worker-service"), "com.clientnest.worker"));

        // When the compose file's variables are checked against it
        Map<String, Set<String>> given = new TreeMap<>();
        Map<String, List<String>> unread = new TreeMap<>();
        reads.forEach((name, environment) -> {
            Set<String> names = map(services.get(name).get("environment")).keySet();
            given.put(name, names);
            unread.put(
                    name,
                    names.stream()
                            .filter(env -> !environment.reads(env))
                            .sorted()
                            .toList());
        });

        // Then each service gets exactly its connections and secrets, and reads every one of them
        assertThat(unread)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gateway-service", List.of(), "cost-service", List.of(), "ai-worker-service", List.of()));
        assertThat(given)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gateway-service",
                        Set.of(
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                                "SPRING_DATASOURCE_URL",
                                "SPRING_DATASOURCE_USERNAME",
                                "SPRING_DATASOURCE_PASSWORD",
                                "CLIENTNEST_ADMIN_API_KEY",
                                "CLIENTNEST_DEV_API_KEY",
                                "CLIENTNEST_SERVICE_TOKEN",
                                "CLIENTNEST_GATEWAY_QUOTA_COST_SERVICE_URL",
                                "CLIENTNEST_KAFKA_TOPIC_PREFIX"),
                        "cost-service",
                        Set.of(
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                                "SPRING_DATASOURCE_URL",
                                "SPRING_DATASOURCE_USERNAME",
                                "SPRING_DATASOURCE_PASSWORD",
                                "CLIENTNEST_SERVICE_TOKEN",
                                "CLIENTNEST_KAFKA_TOPIC_PREFIX"),
                        "ai-worker-service",
                        Set.of(
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                                "CLIENTNEST_KAFKA_TOPIC_PREFIX",
                                "DEEPSEEK_BASE_URL",
                                "DEEPSEEK_API_KEY",
                                "DEEPSEEK_MODEL",
                                "DEEPSEEK_MAX_CONCURRENCY")));
    }

    @Test
    void anUnknownVariableIsNotMistakenForOneAServiceReads() throws IOException {
        // Given what the gateway reads
        ServiceEnvironment gateway = ServiceEnvironment.of(root.resolve("gateway-service"), "com.clientnest.gateway");

        // When names it does not read are checked, next to ones it does
        Map<String, Boolean> verdicts = new TreeMap<>();
        for (String name : List.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "CLIENTNEST_GATEWAY_QUOTA_COST_URL",
                "DEEPSEEK_API_KEY",
                "CLIENTNEST_GATEWAY_QUOTA_COSTSERVICEURL",
                "CLIENTNEST_GATEWAY_QUEUE_REFRESH",
                "SERVER_PORT")) {
            verdicts.put(name, gateway.reads(name));
        }

        // Then only the ones bound to a declared property pass
        assertThat(verdicts)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", false,
                        "CLIENTNEST_GATEWAY_QUOTA_COST_URL", false,
                        "DEEPSEEK_API_KEY", false,
                        "CLIENTNEST_GATEWAY_QUOTA_COSTSERVICEURL", true,
                        "CLIENTNEST_GATEWAY_QUEUE_REFRESH", true,
                        "SERVER_PORT", true));
    }

    @Test
    void prometheusScrapesEveryServiceOnTheActuatorPathOfItsPort() throws IOException {
        // Given the scrape configuration the compose file mounts
        assertThat(list(map(services.get("prometheus")).get("volumes")))
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        Map<String, Object> config = load(root.resolve("deploy/prometheus/prometheus.yml"));

        // When its jobs are read
        Map<String, String> targets = new TreeMap<>();
        for (Object job : list(config.get("scrape_configs"))) {
            Map<String, Object> scrape = map(job);
            Map<String, Object> dns = map(list(scrape.get("dns_sd_configs")).get(0));
            targets.put(
                    (String) scrape.get("job_name"),
                    scrape.get("metrics_path") + " " + list(dns.get("names")) + ":" + dns.get("port"));
        }

        // Then each service is found by DNS (every replica) on the port its configuration sets
        assertThat(targets)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gateway-service",
                        "/actuator/prometheus [gateway-service]:"
                                + port("gateway-service/src/main/resources/gateway.yml"),
                        "ai-worker-service",
                        "/actuator/prometheus [ai-worker-service]:"
                                + port("ai-worker-service/src/main/resources/worker.yml"),
                        "cost-service",
                        "/actuator/prometheus [cost-service]:" + port("cost-service/src/main/resources/cost.yml")));
    }

    private static int port(String configFile) throws IOException {
        return (Integer) map(load(root.resolve(configFile)).get("server")).get("port");
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return value == null ? Map.of() : (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> items ? (List<Object>) items : List.of(value);
    }
}
