package com.clientnest.cost.reservation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps each submission's trace across a batched admission. The batch is one HTTP call for many submissions, so
 * its own server span belongs to none of them; each admission carries its submission's trace context instead, and
 * gets a span of its own in that trace, covering the batch that decided it.
 */
@Component
class AdmissionSpans {

    static final String NAME = "quota admission";

    private final Propagator propagator;

    AdmissionSpans(Propagator propagator) {
        this.propagator = propagator;
    }

    /** Runs the decision inside a span for each admission that carries a trace context. */
    <T> T around(List<Map<String, String>> contexts, Supplier<T> decision) {
        List<Span> spans = new ArrayList<>();
        for (Map<String, String> context : contexts) {
            if (context != null && !context.isEmpty()) {
                spans.add(propagator
                        .extract(context, Map::get)
                        .name(NAME)
                        .kind(Span.Kind.SERVER)
                        .tag("clientnest.batch.size", Integer.toString(contexts.size()))
                        .start());
            }
        }
        if (spans.isEmpty()) {
            return decision.get();
        }
        try {
            return decision.get();
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }
}
