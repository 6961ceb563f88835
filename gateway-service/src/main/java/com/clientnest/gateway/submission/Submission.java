package com.clientnest.gateway.submission;

import com.clientnest.gateway.submission.SubmissionRequests.ContentRequest;
import com.clientnest.gateway.submission.SubmissionRequests.OptimizationRequest;
import com.clientnest.gateway.submission.SubmissionRequests.SentimentRequest;
import com.clientnest.gateway.submission.SubmissionRequests.SuggestionsRequest;
import com.clientnest.schemas.events.ContentInput;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.OptimizationInput;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * One validated AI request, whatever its type: the event input it becomes on Kafka, the body stored for the
 * record, and what it asks of the priority rules.
 *
 * @param body the validated REST body, stored as the request's {@code input}
 * @param variants how many variants of its content the request asks for: the count of content suggestions, 0 for
 *     any other request
 */
record Submission(
        RequestType type,
        SpecificRecord input,
        Object body,
        boolean urgent,
        RequestedPriority requestedPriority,
        int variants) {

    static Submission of(SentimentRequest request) {
        SentimentInput input = SentimentInput.newBuilder()
                .setText(request.text())
                .setContext(request.context())
                .build();
        return new Submission(
                RequestType.SENTIMENT_ANALYSIS, input, request, Boolean.TRUE.equals(request.urgent()), null, 0);
    }

    static Submission of(ContentRequest request) {
        ContentInput input = ContentInput.newBuilder()
                .setPrompt(request.prompt())
                .setPlatform(request.platform().wireName())
                .setContentType(request.contentType().wireName())
                .setTemperature(request.temperature())
                .setMaxTokens(request.maxTokens())
                .build();
        return new Submission(
                RequestType.CONTENT_GENERATION,
                input,
                request,
                Boolean.TRUE.equals(request.urgent()),
                request.priority(),
                0);
    }

    /**
     * Content suggestions are content generations, one per variant, always on the low lane: the seed sends them with
     * {@code priority='low'} as batch work, and asking for a lower lane than the score gives is granted to every
     * tier, so an urgent or enterprise request cannot lift them (see ADR 0010).
     */
    static Submission of(SuggestionsRequest request) {
        ContentInput input = ContentInput.newBuilder()
                .setPrompt(request.topic())
                .setPlatform(request.platform().wireName())
                .setContentType((request.contentType() == null ? ContentType.POST : request.contentType()).wireName())
                .setTemperature(request.temperature())
                .setMaxTokens(request.maxTokens())
                .build();
        return new Submission(
                RequestType.CONTENT_GENERATION,
                input,
                request,
                Boolean.TRUE.equals(request.urgent()),
                RequestedPriority.LOW,
                request.count());
    }

    static Submission of(OptimizationRequest request) {
        OptimizationInput input = OptimizationInput.newBuilder()
                .setContent(request.content())
                .setPlatform(request.platform().wireName())
                .setOptimizationType(request.optimizationType().wireName())
                .build();
        return new Submission(
                RequestType.CONTENT_OPTIMIZATION, input, request, Boolean.TRUE.equals(request.urgent()), null, 0);
    }

    /**
     * SHA-256 (hex) of the endpoint and the validated body: what an idempotency key was first used for. The body's
     * record serialises its fields in declaration order, so equal requests give equal fingerprints whatever the
     * order or spacing of the JSON they came in.
     */
    String fingerprint(JsonMapper json) {
        String canonical = body.getClass().getSimpleName() + "\n" + json.writeValueAsString(body);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** How many requests of its type the submission counts for: one per variant of content suggestions, else one. */
    int requests() {
        return Math.max(1, variants);
    }

    /** The completion limit the request sets itself, or null for the worker's default. */
    Integer maxTokens() {
        return switch (body) {
            case ContentRequest content -> content.maxTokens();
            case SuggestionsRequest suggestions -> suggestions.maxTokens();
            default -> null;
        };
    }

    /** The user's texts that go into the prompt, for the token estimate. */
    String[] texts() {
        if (body instanceof SentimentRequest sentiment) {
            return new String[] {sentiment.text(), sentiment.context()};
        }
        if (body instanceof ContentRequest content) {
            return new String[] {content.prompt()};
        }
        if (body instanceof OptimizationRequest optimization) {
            return new String[] {optimization.content()};
        }
        if (body instanceof SuggestionsRequest suggestions) {
            return new String[] {suggestions.topic()};
        }
        throw new IllegalStateException("Unknown submission body " + body.getClass());
    }

    /**
     * What shapes the answer, by name: the input and the generation parameters, for the response cache's key.
     * Urgency and priority only decide when the answer comes, so they are left out.
     */
    Map<String, Object> cacheFields() {
        if (!cacheable()) {
            throw new IllegalStateException("Content suggestions are never answered from the cache");
        }
        Map<String, Object> fields = new HashMap<>();
        if (body instanceof SentimentRequest sentiment) {
            fields.put("text", sentiment.text());
            fields.put("context", sentiment.context());
        } else if (body instanceof ContentRequest content) {
            fields.put("prompt", content.prompt());
            fields.put("platform", content.platform().wireName());
            fields.put("contentType", content.contentType().wireName());
            fields.put("temperature", content.temperature());
            fields.put("maxTokens", content.maxTokens());
        } else if (body instanceof OptimizationRequest optimization) {
            fields.put("content", optimization.content());
            fields.put("platform", optimization.platform().wireName());
            fields.put("optimizationType", optimization.optimizationType().wireName());
        } else {
            throw new IllegalStateException("Unknown submission body " + body.getClass());
        }
        return fields;
    }

    /**
     * Whether the response cache and in-flight dedup may answer it: not content suggestions, whose variants exist
     * to differ (each at its own rising temperature, above the cache's temperature limit).
     */
    boolean cacheable() {
        return !(body instanceof SuggestionsRequest);
    }

    /**
     * Whether the request may wait for the off-peak window: as its {@code deferrable} says, or when it does not
     * say, the default for its kind (content suggestions wait for the tiers configured so, other requests go now).
     */
    boolean deferrable(boolean suggestionsWaitByDefault) {
        Boolean deferrable = switch (body) {
            case SentimentRequest sentiment -> sentiment.deferrable();
            case ContentRequest content -> content.deferrable();
            case OptimizationRequest optimization -> optimization.deferrable();
            case SuggestionsRequest suggestions ->
                suggestions.deferrable() == null ? suggestionsWaitByDefault : suggestions.deferrable();
            default -> throw new IllegalStateException("Unknown submission body " + body.getClass());
        };
        return Boolean.TRUE.equals(deferrable);
    }

    /** The temperature the request asks for, or null for the worker's default. */
    Double temperature() {
        return body instanceof ContentRequest content ? content.temperature() : null;
    }

    /** The type as the REST API names it: {@code sentiment}, {@code content}, {@code optimization}, {@code suggestions}. */
    String typeName() {
        if (body instanceof SuggestionsRequest) {
            return "suggestions";
        }
        return switch (type) {
            case SENTIMENT_ANALYSIS -> "sentiment";
            case CONTENT_GENERATION -> "content";
            case CONTENT_OPTIMIZATION -> "optimization";
        };
    }

    static String laneName(Lane lane) {
        return lane.name().toLowerCase(Locale.ROOT);
    }
}
