package com.clientnest.local.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.local.StackClient;
import com.clientnest.local.tracing.RecordedSpans.RecordedSpan;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One request followed by its trace: the client sends a W3C {@code traceparent}, and every span the three services
 * make for the request (the POST, the outbox relay, the Kafka sends and receives, the worker's processing, the
 * DeepSeek call, the cost service's usage recording) carries its trace id. The spans are read from each service's
 * tracer in this JVM ({@link SpanRecordingAutoConfiguration}); no exporter is needed.
 */
class TraceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;

    @BeforeAll
    static void startSuite() {
        stack = LocalStack.start(LocalStackSettings.forTests(), SharedTestInfrastructure.get());
    }

    @AfterAll
    static void stopSuite() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void oneTraceIdSpansTheGatewayTheWorkerAndTheCostServiceForOneRequest() throws Exception {
        // Given a client that starts a trace of its own
        StackClient client = StackClient.newUser(stack, "test-admin-key", "Traced");
        String traceId = randomHex(16);
        String clientSpanId = randomHex(8);

        // When it submits a request in that trace, and the request completes and is settled
        String requestId = client.submitSentiment(
                "Follow me through every service", Map.of("traceparent", "00-" + traceId + "-" + clientSpanId + "-01"));
        client.awaitCompletedAndSettled(requestId);

        // Then each service made its spans in the client's trace: the gateway took the request, asked the cost
        // service for quota, relayed the outbox row and applied the worker's events; the worker processed the lane
        // record, called DeepSeek and published; the cost service admitted the request (in a batch of admissions,
        // with a span of its own in the request's trace), recorded the usage and saw the result
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(spanNamesByService(traceId))
                        .containsExactlyInAnyOrderEntriesOf(Map.of(
                                "gateway",
                                Set.of(
                                        "http post /api/v1/ai/sentiment",
                                        "outbox relay",
                                        "ai.requests.normal send",
                                        "ai.requests.started process",
                                        "ai.results process"),
                                "ai-worker-service",
                                Set.of(
                                        "ai.requests.normal process",
                                        "deepseek chat completion",
                                        "ai.requests.started send",
                                        "ai.usage send",
                                        "ai.results send"),
                                "cost-service",
                                Set.of("quota admission", "ai.usage record usage", "ai.results process"))));
        // and they form one tree under the client's span: no span of the trace lost its parent on a hop
        List<RecordedSpan> spans = RecordedSpans.ofTrace(traceId);
        Set<String> known = spans.stream().map(RecordedSpan::spanId).collect(Collectors.toSet());
        known.add(clientSpanId);
        assertThat(spans).allSatisfy(span -> assertThat(known).contains(span.parentSpanId()));
    }

    private static Map<String, Set<String>> spanNamesByService(String traceId) {
        Map<String, Set<String>> names = new TreeMap<>();
        RecordedSpans.ofTrace(traceId)
                .forEach(span -> names.computeIfAbsent(span.service(), service -> new TreeSet<>())
                        .add(span.name()));
        return names;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
