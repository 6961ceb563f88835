package com.clientnest.schemas.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) a record carries in its headers, for the consumers
 * that open their span themselves rather than through a spring-kafka listener container: the worker's share
 * consumers and the cost service's batch listener.
 */
public final class TraceHeaders {

    /** Reads a propagation field from record headers; the last value wins, as a re-published record may hold two. */
    public static final Propagator.Getter<Headers> GETTER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private TraceHeaders() {}

    /**
     * Starts a consumer span for the record: a child of the trace context in its headers, or the root of a new
     * trace when it carries none (a record published before tracing was on, or by a tool).
     */
    public static Span consumerSpan(Propagator propagator, ConsumerRecord<?, ?> record, String name) {
        return propagator
                .extract(record.headers(), GETTER)
                .name(name)
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.kafka.partition", Integer.toString(record.partition()))
                .tag("messaging.kafka.offset", Long.toString(record.offset()))
                .start();
    }
}
