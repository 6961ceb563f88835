package com.clientnest.local.tracing;

import io.opentelemetry.sdk.trace.SpanProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Adds the test's span recorder to the tracer of every service started in this JVM: Boot gives each
 * {@link SpanProcessor} bean to its OpenTelemetry tracer. Registered only on local-stack's test class path, so the
 * services stay unchanged; the OTLP exporter stays off, as it is by default.
 */
@AutoConfiguration
class SpanRecordingAutoConfiguration {

    @Bean
    SpanProcessor recordedSpans(Environment environment) {
        return new RecordedSpans.Recorder(environment.getProperty("spring.application.name", "unnamed"));
    }
}
