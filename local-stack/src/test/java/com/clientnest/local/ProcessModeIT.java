package com.clientnest.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.local.faults.Fault;
import com.clientnest.local.faults.FaultDrill;
import com.clientnest.local.faults.FaultOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process mode of the local stack ({@code ./run-local --processes}): each service a JVM of its own from its
 * module's jar, on the shared broker and database, serving a request end to end, losing nothing when the worker
 * is killed under load (the smoke version of the fault suite), and leaving nothing behind.
 */
class ProcessModeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachServiceRunsAsItsOwnProcessServesRequestsLosesNoneToAKilledWorkerAndStopsWithNothingLeftBehind()
            throws Exception {
        // Given the local stack with each service in a process of its own
        Infrastructure infrastructure = SharedTestInfrastructure.get();
        LocalStackSettings settings = LocalStackSettings.forTests().withSeparateProcesses();
        List<ServiceProcess> processes;
        List<Long> pids;
        try (LocalStack stack = LocalStack.start(settings, infrastructure)) {
            processes = stack.processes();
            pids = new ArrayList<>(processes.stream().map(ServiceProcess::pid).toList());

            // Then three JVMs other than this one run the three services, each healthy and measured
            assertThat(processes).extracting(ServiceProcess::name).containsExactly("cost-service", "worker", "gateway");
            assertThat(pids)
                    .doesNotHaveDuplicates()
                    .doesNotContain(ProcessHandle.current().pid());
            assertThat(processes).allSatisfy(process -> {
                assertThat(process.isAlive()).isTrue();
                assertThat(process.startTime()).isPositive();
                assertThat(process.residentBytes()).isPresent();
                assertThat(process.residentBytes().getAsLong()).isPositive();
            });
            assertThat(Banner.processes(processes)).contains("cost-service", "worker", "gateway", " MB");

            // And each started from its start-up cache (Java 25), trained for this build, which its JVM took whole
            assertThat(processes).allSatisfy(process -> {
                assertThat(process.fromStartupCache())
                        .isEqualTo(Runtime.version().feature() >= 25);
                assertThat(Files.readString(process.logFile())).doesNotContain("[aot]");
            });

            // When a request is submitted to the gateway's process
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/v1/ai/sentiment"))
                            .header("Authorization", "Bearer test-user-key")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Processes of their own, great!\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            String requestId = JSON.readTree(accepted.body()).path("requestId").asString();

            // Then the worker's process answers it and the gateway's process serves the result
            JsonNode status = await().atMost(WAIT)
                    .until(
                            () -> get(stack.gatewayUrl() + "/api/v1/ai/requests/" + requestId),
                            s -> "COMPLETED".equals(s.path("status").asString()));
            assertThat(status.path("result").path("sentiment").asString()).isEqualTo("positive");

            // When the worker is killed (kill -9) under a steady load and started again 5 s later
            FaultOutcome outcome = new FaultDrill(stack, infrastructure, settings.adminApiKey())
                    .prepare()
                    .run(
                            Fault.kill("worker", Duration.ofSeconds(5)),
                            20,
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(3),
                            Duration.ofMinutes(2));
            pids.add(stack.processes().get(1).pid());

            // Then every accepted request completed, none was billed twice and no quota was passed (the fault
            // suite, local-stack/fault-suite.sh, runs every fault at length)
            assertThat(outcome.accepted()).isPositive();
            assertThat(outcome.passed())
                    .as(FaultOutcome.tableHeader() + outcome.tableRow())
                    .isTrue();
        }

        // When the stack has been closed, Then none of its processes, nor any other service jar, is left running
        assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .as("process %d", pid)
                        .isFalse());
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .map(handle -> handle.info().commandLine().orElse(""))
                        .filter(command -> command.contains("-exec.jar")))
                .isEmpty();
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer test-user-key")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
