package com.clientnest.local;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the local stack listens on and which keys it uses.
 *
 * @param deepSeekApiKey a real DeepSeek key, or null to run the simulator in DeepSeek's place
 * @param deepSeekBaseUrl where DeepSeek is when a real key is given
 * @param serviceToken the secret the gateway presents to the cost service's internal API
 * @param separateProcesses each service in a JVM of its own instead of this one
 * @param serviceJavaOptions the JVM options of each service's process
 * @param topicPrefix handed to every service as {@code clientnest.kafka.topic-prefix}; empty leaves each service
 *     to its own configuration (and the {@code CLIENTNEST_KAFKA_TOPIC_PREFIX} every one of them reads)
 */
public record LocalStackSettings(
        int gatewayPort,
        int costPort,
        int workerPort,
        int simulatorPort,
        int kafkaPort,
        int postgresPort,
        String adminApiKey,
        String devApiKey,
        String deepSeekApiKey,
        String deepSeekBaseUrl,
        String serviceToken,
        boolean separateProcesses,
        List<String> serviceJavaOptions,
        String topicPrefix) {

    static final String DEFAULT_ADMIN_KEY = "dev-admin-key";
    static final String DEFAULT_DEV_KEY = "dev-user-key";
    static final String DEEPSEEK_URL = "https://api.deepseek.com";

    /**
     * A service's heap is bounded as a container's would be, so its footprint is what it needs rather than a
     * quarter of the machine; the serial collector is the smallest for a heap this size on two cores.
     */
    static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:-UsePerfData";

    public LocalStackSettings {
        serviceJavaOptions = List.copyOf(serviceJavaOptions);
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }

    /** The well-known ports of the local run, keys from the environment where set. */
    public static LocalStackSettings fromEnvironment(Map<String, String> env) {
        return new LocalStackSettings(
                8080,
                8081,
                8082,
                8090,
                9092,
                Integer.parseInt(env.getOrDefault("CLIENTNEST_LOCAL_POSTGRES_PORT", "15432")),
                nonBlank(env.get("CLIENTNEST_ADMIN_API_KEY"), DEFAULT_ADMIN_KEY),
                nonBlank(env.get("CLIENTNEST_DEV_API_KEY"), DEFAULT_DEV_KEY),
                nonBlank(env.get("DEEPSEEK_API_KEY"), null),
                nonBlank(env.get("DEEPSEEK_BASE_URL"), DEEPSEEK_URL),
                nonBlank(env.get("CLIENTNEST_SERVICE_TOKEN"), randomToken()),
                Boolean.parseBoolean(env.getOrDefault("CLIENTNEST_LOCAL_PROCESSES", "false")),
                javaOptions(nonBlank(env.get("CLIENTNEST_SERVICE_JAVA_OPTS"), DEFAULT_SERVICE_JAVA_OPTIONS)),
                "");
    }

    /** Free ports everywhere and the simulator, for tests that run beside anything else. */
    public static LocalStackSettings forTests() {
        return new LocalStackSettings(
                0,
                0,
                0,
                0,
                0,
                0,
                "test-admin-key",
                "test-user-key",
                null,
                null,
                randomToken(),
                false,
                javaOptions(DEFAULT_SERVICE_JAVA_OPTIONS),
                "");
    }

    /** The same, with each service in a process of its own. */
    public LocalStackSettings withSeparateProcesses() {
        return new LocalStackSettings(
                gatewayPort,
                costPort,
                workerPort,
                simulatorPort,
                kafkaPort,
                postgresPort,
                adminApiKey,
                devApiKey,
                deepSeekApiKey,
                deepSeekBaseUrl,
                serviceToken,
                true,
                serviceJavaOptions,
                topicPrefix);
    }

    /** The same, with these JVM options for each service's process. */
    public LocalStackSettings withServiceJavaOptions(List<String> options) {
        return new LocalStackSettings(
                gatewayPort,
                costPort,
                workerPort,
                simulatorPort,
                kafkaPort,
                postgresPort,
                adminApiKey,
                devApiKey,
                deepSeekApiKey,
                deepSeekBaseUrl,
                serviceToken,
                separateProcesses,
                options,
                topicPrefix);
    }

    /** The same, with every service's topics named under the prefix. */
    public LocalStackSettings withTopicPrefix(String prefix) {
        return new LocalStackSettings(
                gatewayPort,
                costPort,
                workerPort,
                simulatorPort,
                kafkaPort,
                postgresPort,
                adminApiKey,
                devApiKey,
                deepSeekApiKey,
                deepSeekBaseUrl,
                serviceToken,
                separateProcesses,
                serviceJavaOptions,
                prefix);
    }

    boolean usesSimulator() {
        return deepSeekApiKey == null;
    }

    /** Only the services of this process need the token, so a fresh one each run is never written down. */
    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> javaOptions(String options) {
        return List.of(options.trim().split("\\s+"));
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
