package com.clientnest.local;

import com.clientnest.infrastructure.Infrastructure;
import java.util.List;

/** What the local run prints once everything is up: where each part is and how to try it. */
final class Banner {

    private Banner() {}

    /**
     * The admin key line: the well-known default is shown, a key from the environment is not, as the console often
     * ends up in logs that outlive the key's secrecy.
     */
    static String adminKey(LocalStackSettings settings) {
        return settings.adminApiKey().equals(LocalStackSettings.DEFAULT_ADMIN_KEY)
                ? settings.adminApiKey() + " (default: CLIENTNEST_ADMIN_API_KEY is not set)"
                : "(from CLIENTNEST_ADMIN_API_KEY, not shown)";
    }

    static String describe(LocalStackSettings settings, LocalStack stack, Infrastructure infrastructure) {
        String devNote = settings.devApiKey().equals(LocalStackSettings.DEFAULT_DEV_KEY)
                ? " (default: CLIENTNEST_DEV_API_KEY is not set)"
                : " (from CLIENTNEST_DEV_API_KEY)";
        String deepSeek = settings.usesSimulator()
                ? stack.deepSeekBaseUrl() + "  DeepSeek simulator (DEEPSEEK_API_KEY is not set)"
                : stack.deepSeekBaseUrl() + "  real DeepSeek (DEEPSEEK_API_KEY is set)";
        return """


                ==================== ClientNest AI pipeline: local stack is up ====================
                  gateway         %s   (OpenAPI: /v3/api-docs, health: /actuator/health)
                  cost service    %s
                  worker          %s   (actuator only)
                  DeepSeek        %s
                  Kafka (KRaft)   %s
                  PostgreSQL      %s  (user %s)
                  admin API key   %s
                  dev user key    %s%s  (professional tier)

                  Try it:
                    curl -s -X POST %s/api/v1/ai/sentiment -H 'Authorization: Bearer %s' \\
                         -H 'Content-Type: application/json' -d '{"text":"I love the new release!"}'
                    curl -s %s/api/v1/ai/requests/<requestId> -H 'Authorization: Bearer %s'

                %s
                  Ctrl-C stops everything.
                ===================================================================================
                """.formatted(
                        stack.gatewayUrl(),
                        stack.costUrl(),
                        stack.workerUrl(),
                        deepSeek,
                        infrastructure.kafkaBootstrapServers(),
                        infrastructure.jdbcUrl(),
                        infrastructure.databaseUsername(),
                        adminKey(settings),
                        settings.devApiKey(),
                        devNote,
                        stack.gatewayUrl(),
                        settings.devApiKey(),
                        stack.gatewayUrl(),
                        settings.devApiKey(),
                        processes(stack.processes()));
    }

    /** Each service's process: what it cost to start and what it holds now. */
    static String processes(List<ServiceProcess> processes) {
        if (processes.isEmpty()) {
            return "  All services run in this JVM (./run-local --processes runs each in its own).\n";
        }
        StringBuilder table = new StringBuilder("  Processes       pid      up in             RSS now   log\n");
        for (ServiceProcess process : processes) {
            table.append("    %-13s %-8d %5.1f s %-7s  %7s   %s%n"
                    .formatted(
                            process.name(),
                            process.pid(),
                            process.startTime().toMillis() / 1000.0,
                            process.fromStartupCache() ? "(cache)" : "(jar)",
                            process.residentBytes().stream()
                                    .mapToObj(bytes -> bytes / (1024 * 1024) + " MB")
                                    .findFirst()
                                    .orElse("n/a"),
                            process.logFile()));
        }
        return table.toString();
    }
}
