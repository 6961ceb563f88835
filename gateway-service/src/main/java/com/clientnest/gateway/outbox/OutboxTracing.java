package com.clientnest.gateway.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Carries the trace across the outbox. A row is written in the request's trace but sent later by the relay, on a
 * thread of its own: the row keeps the request's trace context ({@code traceparent}) among its headers, and the
 * relay sends it inside a span continuing that context, so the Kafka template's send span, and the
 * {@code traceparent} it writes on the record, belong to the request's trace.
 */
@Component
class OutboxTracing {

    private static final Propagator.Setter<Map<String, byte[]>> SETTER =
            (headers, key, value) -> headers.put(key, value.getBytes(StandardCharsets.UTF_8));
    private static final Propagator.Getter<Map<String, byte[]>> GETTER = (headers, key) -> {
        byte[] value = headers.get(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * The headers given, with the current trace context added unless they carry one already: a replayed dead
     * letter keeps the trace of the request it belongs to.
     */
    Map<String, byte[]> withCurrentContext(Map<String, byte[]> headers) {
        Map<String, byte[]> all = new LinkedHashMap<>(headers);
        TraceContext current = tracer.currentTraceContext().context();
        if (current == null || propagator.fields().stream().anyMatch(all::containsKey)) {
            return all;
        }
        propagator.inject(current, all, SETTER);
        return all;
    }

    /** Runs the send of a row inside a span continuing the trace the row was written in, if it has one. */
    <T> T sendInItsTrace(Map<String, byte[]> headers, String topic, Supplier<T> send) {
        if (propagator.fields().stream().noneMatch(headers::containsKey)) {
            return send.get();
        }
        Span span = propagator
                .extract(headers, GETTER)
                .name("outbox relay")
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.destination.name", topic)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
