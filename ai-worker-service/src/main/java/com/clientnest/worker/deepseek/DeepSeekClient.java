package com.clientnest.worker.deepseek;

import com.clientnest.worker.config.DeepSeekProperties;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin typed client for DeepSeek's OpenAI-compatible {@code POST /chat/completions}, on the JDK's HTTP
 * client. It keeps DeepSeek's own usage fields (context-cache hits and misses) that generic clients drop, and
 * bounds every call by one overall deadline.
 */
@Component
public class DeepSeekClient {

    private final DeepSeekProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final URI endpoint;
    private final DeepSeekCallMetrics metrics;
    private final Tracer tracer;
    private final Propagator propagator;

    DeepSeekClient(
            DeepSeekProperties properties,
            JsonMapper json,
            DeepSeekCallMetrics metrics,
            Tracer tracer,
            Propagator propagator) {
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
        this.tracer = tracer;
        this.propagator = propagator;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                // Completions are handed on to the record's virtual thread; no platform thread pool grows with load.
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        String base = properties.baseUrl().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }

    /**
     * Calls DeepSeek once, for at most {@code timeout}. The future completes with the answer, or exceptionally
     * with a {@link DeepSeekException} saying whether a retry may help.
     */
    public CompletableFuture<ChatCompletion> complete(ChatRequest request, Duration timeout) {
        // A client span, child of the caller's (the request's processing), whose context DeepSeek receives too.
        Span.Builder child = tracer.spanBuilder();
        TraceContext parent = tracer.currentTraceContext().context();
        if (parent != null) {
            child.setParent(parent);
        }
        Span span = child.name("deepseek chat completion")
                .kind(Span.Kind.CLIENT)
                .tag("gen_ai.system", "deepseek")
                .tag("gen_ai.request.model", properties.model())
                .start();
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(request)));
        propagator.inject(span.context(), builder, HttpRequest.Builder::setHeader);
        HttpRequest httpRequest = builder.build();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString());
        // HttpRequest.timeout() only bounds the wait for the response headers; this deadline covers the body,
        // which DeepSeek may delay indefinitely with keep-alive blank lines. Only cancelling the exchange's own
        // future aborts the connection, so a late call does not keep a slot of the account's concurrency limit.
        return exchange.copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                        span.error(failure);
                    } else {
                        span.tag("http.response.status_code", Integer.toString(response.statusCode()));
                    }
                    // Here rather than in the stage below, which does not run when the caller gave up on the call.
                    span.end();
                })
                .handle((response, failure) -> {
                    long elapsed = System.nanoTime() - started;
                    if (failure != null) {
                        DeepSeekException translated = translate(failure, timeout);
                        metrics.unanswered(properties.model(), translated.fault(), elapsed);
                        throw translated;
                    }
                    metrics.answered(properties.model(), response.statusCode(), elapsed);
                    long latencyMs = TimeUnit.NANOSECONDS.toMillis(elapsed);
                    if (response.statusCode() != 200) {
                        throw DeepSeekException.forStatus(response.statusCode(), errorMessage(response.body()));
                    }
                    return parse(response.body(), latencyMs);
                });
    }

    /** The configured limit for one call. */
    public Duration requestTimeout() {
        return properties.requestTimeout();
    }

    private DeepSeekException translate(Throwable failure, Duration timeout) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return DeepSeekException.timeout("No complete answer from DeepSeek within " + properties.requestTimeout());
        }
        return DeepSeekException.connection(cause);
    }

    private String body(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", properties.model());
        var messages = body.putArray("messages");
        request.messages()
                .forEach(message ->
                        messages.addObject().put("role", message.role()).put("content", message.content()));
        body.put("temperature", request.temperature());
        body.put("max_tokens", request.maxTokens());
        body.putObject("response_format").put("type", "json_object");
        body.put("stream", false);
        return json.writeValueAsString(body);
    }

    private ChatCompletion parse(String body, long latencyMs) {
        JsonNode root;
        try {
            root = json.readTree(body.strip());
        } catch (JacksonException e) {
            throw DeepSeekException.unusableAnswer("DeepSeek answered 200 with a body that is not JSON", e);
        }
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw DeepSeekException.unusableAnswer("DeepSeek answered 200 without choices", null);
        }
        JsonNode usage = root.path("usage");
        return new ChatCompletion(
                root.path("id").asString(""),
                root.path("model").asString(properties.model()),
                choice.path("message").path("content").asString(""),
                choice.path("finish_reason").asString(""),
                new ChatCompletion.Usage(
                        usage.path("prompt_tokens").asInt(0),
                        usage.path("completion_tokens").asInt(0),
                        usage.path("total_tokens").asInt(0),
                        usage.path("prompt_cache_hit_tokens").asInt(0),
                        usage.path("prompt_cache_miss_tokens").asInt(0)),
                latencyMs);
    }

    private String errorMessage(String body) {
        try {
            return json.readTree(body.strip()).path("error").path("message").asString(body);
        } catch (JacksonException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
