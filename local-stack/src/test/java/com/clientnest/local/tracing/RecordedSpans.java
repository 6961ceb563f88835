package com.clientnest.local.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every span ended by any service of this JVM, with the name of the service that ended it: the in-memory exporter
 * of the tests. Each service's Spring context gets a {@link Recorder} of its own (see
 * {@link SpanRecordingAutoConfiguration}), and all of them write here.
 */
final class RecordedSpans {

    private static final ConcurrentLinkedQueue<RecordedSpan> ENDED = new ConcurrentLinkedQueue<>();

    private RecordedSpans() {}

    /** One ended span: who ended it, where it sits in its trace, and its name. */
    record RecordedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {}

    /** The spans of one trace ended so far. */
    static List<RecordedSpan> ofTrace(String traceId) {
        return ENDED.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Records, at its end, every span of one service's tracer. */
    static final class Recorder implements SpanProcessor {

        private final String service;

        Recorder(String service) {
            this.service = service;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            SpanData data = span.toSpanData();
            ENDED.add(new RecordedSpan(
                    service, data.getTraceId(), data.getSpanId(), data.getParentSpanId(), data.getName()));
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
