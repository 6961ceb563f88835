package com.clientnest.worker.deepseek;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.worker.config.DeepSeekProperties;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeepSeekClientTracingTest {

    private static final String ANSWER = """
            {"id":"c1","model":"deepseek-flash","choices":[{"message":{"content":"{}"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""";

    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final List<EndedSpan> ended = new CopyOnWriteArrayList<>();
    private final HttpServer deepSeek = deepSeekRecordingTraceparent();
    private final SdkTracerProvider provider =
            SdkTracerProvider.builder().addSpanProcessor(new Ended()).build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {});
    private final OtelPropagator propagator =
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);

    @AfterEach
    void stop() {
        deepSeek.stop(0);
        provider.close();
    }

    @Test
    void sendsItsCallSpanToDeepSeekAsAChildOfTheCallersSpan() throws Exception {
        // Given a client called inside the span of a request's processing
        DeepSeekClient client = new DeepSeekClient(
                new DeepSeekProperties(
                        URI.create("http://127.0.0.1:" + deepSeek.getAddress().getPort()),
                        "key",
                        "deepseek-flash",
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        10),
                JsonMapper.builder().build(),
                new DeepSeekCallMetrics(new SimpleMeterRegistry()),
                tracer,
                propagator);
        Span processing = tracer.nextSpan().name("processing").start();

        // When it calls DeepSeek
        try (Tracer.SpanInScope scope = tracer.withSpan(processing)) {
            client.complete(new ChatRequest(List.of(ChatMessage.user("hi")), 0.0, 10), Duration.ofSeconds(5))
                    .get();
        } finally {
            processing.end();
        }

        // Then DeepSeek got the call span's context, whose parent is the processing span
        String traceId = processing.context().traceId();
        EndedSpan call = ended.stream()
                .filter(span -> span.name().equals("deepseek chat completion"))
                .findFirst()
                .orElseThrow();
        assertThat(ended)
                .containsExactlyInAnyOrder(
                        new EndedSpan(
                                "deepseek chat completion",
                                traceId,
                                call.spanId(),
                                processing.context().spanId()),
                        new EndedSpan(
                                "processing", traceId, processing.context().spanId(), "0000000000000000"));
        // (flags 01 sampled, or 03 when the SDK also marks the trace id as random, W3C trace context level 2)
        assertThat(received.keySet()).containsExactly("traceparent");
        assertThat(received.get("traceparent")).matches("00-" + traceId + "-" + call.spanId() + "-0[13]");
    }

    private record EndedSpan(String name, String traceId, String spanId, String parentSpanId) {}

    private HttpServer deepSeekRecordingTraceparent() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/chat/completions", exchange -> {
                received.put("traceparent", exchange.getRequestHeaders().getFirst("traceparent"));
                byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Ended implements SpanProcessor {

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            SpanData data = span.toSpanData();
            ended.add(new EndedSpan(data.getName(), data.getTraceId(), data.getSpanId(), data.getParentSpanId()));
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
