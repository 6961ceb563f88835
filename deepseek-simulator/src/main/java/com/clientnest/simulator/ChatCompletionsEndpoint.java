package com.clientnest.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /chat/completions}: checks the key, the body and the account's concurrency, draws a fault, then
 * answers after the sampled latency. Every wait is a timer on {@code timer}, never a sleeping thread, so ten
 * thousand calls waiting cost ten thousand timers and no threads.
 */
final class ChatCompletionsEndpoint {

    /** How often blank keep-alive lines are sent while DeepSeek is "busy". */
    static final Duration KEEP_ALIVE_INTERVAL = Duration.ofMillis(500);

    private final SimulatorState state;
    private final JsonMapper mapper;
    private final ChatRequestReader reader;
    private final CompletionFactory factory;
    private final CompletionJson json;
    private final Scheduler timer;
    private final Set<String> models;

    ChatCompletionsEndpoint(SimulatorState state, JsonMapper mapper, Scheduler timer) {
        this.state = state;
        this.mapper = mapper;
        this.reader = new ChatRequestReader(mapper);
        this.factory = new CompletionFactory(mapper, state.cache());
        this.json = new CompletionJson(mapper);
        this.timer = timer;
        this.models = Set.copyOf(state.settings().models());
    }

    Publisher<Void> complete(HttpServerRequest request, HttpServerResponse response) {
        StatsRecorder.Call call = state.stats().start();
        return request.receive()
                .aggregate()
                .asString(UTF_8)
                .defaultIfEmpty("")
                .flatMap(body -> serve(request, response, body, call))
                // Runs on completion, error and cancellation (client gone), so slots and gauges never leak.
                .doFinally(signal -> call.finish());
    }

    /** {@code GET /models}, which clients use to check a key. */
    Publisher<Void> listModels(HttpServerRequest request, HttpServerResponse response) {
        ApiError refusal = authenticate(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
        if (refusal != null) {
            return HttpReplies.json(response, refusal.status(), refusal.toJson(mapper));
        }
        ObjectNode list = mapper.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        models.stream()
                .sorted()
                .forEach(model ->
                        data.addObject().put("id", model).put("object", "model").put("owned_by", "deepseek"));
        return HttpReplies.json(response, 200, mapper.writeValueAsString(list));
    }

    private Mono<Void> serve(
            HttpServerRequest request, HttpServerResponse response, String body, StatsRecorder.Call call) {
        ApiError refusal = authenticate(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
        if (refusal != null) {
            return error(response, call, refusal);
        }
        ChatRequest chat;
        try {
            chat = reader.read(body);
        } catch (RequestRejected rejected) {
            return error(response, call, rejected.error());
        }
        if (!models.contains(chat.model())) {
            return error(response, call, ApiError.modelNotExist());
        }
        if (!state.gate().tryAcquire()) {
            return error(response, call, ApiError.rateLimited());
        }
        call.releaseOnComplete(state.gate()::release);
        FaultPlan fault = state.faults().draw().orElse(null);
        FaultMode mode = fault == null ? null : fault.mode();
        if (mode == FaultMode.STATUS) {
            return error(response, call, ApiError.forStatus(fault.status()));
        }
        if (mode == FaultMode.TIMEOUT) {
            // Held until the client gives up; cancellation then frees the slot through doFinally.
            return Mono.never();
        }
        Completion completion = factory.complete(chat, mode == FaultMode.BLANK_JSON);
        Reply reply = new Reply(response, call, fault, newId(), System.currentTimeMillis() / 1000, completion);
        return chat.stream() ? stream(reply, chat.includeUsage()) : whole(reply);
    }

    private record Reply(
            HttpServerResponse response,
            StatsRecorder.Call call,
            FaultPlan fault,
            String id,
            long created,
            Completion completion) {

        boolean hit(FaultMode mode) {
            return fault != null && fault.mode() == mode;
        }
    }

    private Mono<Void> whole(Reply reply) {
        String body = json.body(reply.id(), reply.created(), reply.completion());
        String sent = reply.hit(FaultMode.MALFORMED) ? body.substring(0, body.length() / 2) : body;
        LatencySampler latency = state.latency();
        Duration wait = latency.firstToken()
                .plus(latency.forOutputTokens(reply.completion().completionTokens()));
        if (reply.hit(FaultMode.KEEP_ALIVE_LINES)) {
            return keepAlive(
                    reply, HttpReplies.APPLICATION_JSON, "\n", wait, paced(List.of(sent), Duration.ZERO, reply.call()));
        }
        Mono<Void> answer = Mono.defer(() -> {
            reply.call().answered(200);
            reply.call().complete();
            return HttpReplies.json(reply.response(), 200, sent);
        });
        return wait.isZero() ? answer : Mono.delay(wait, timer).then(answer);
    }

    private Mono<Void> stream(Reply reply, boolean includeUsage) {
        List<String> events = json.events(reply.id(), reply.created(), reply.completion(), includeUsage);
        if (reply.hit(FaultMode.MALFORMED)) {
            events = corrupt(events);
        }
        LatencySampler latency = state.latency();
        Duration perChunk = latency.forOutputTokens(CompletionJson.CHARS_PER_CHUNK / Tokens.CHARS_PER_TOKEN);
        Flux<String> chunks = paced(events, perChunk, reply.call());
        Duration firstToken = latency.firstToken();
        if (reply.hit(FaultMode.KEEP_ALIVE_LINES)) {
            return keepAlive(reply, HttpReplies.TEXT_EVENT_STREAM, ": keep-alive\n\n", firstToken, chunks);
        }
        Flux<String> answer = Flux.defer(() -> {
            reply.call().answered(200);
            return chunks;
        });
        Flux<String> body =
                firstToken.isZero() ? answer : Mono.delay(firstToken, timer).thenMany(answer);
        return eventStream(reply.response()).sendString(body).then();
    }

    /**
     * The events with {@code perChunk} between them. The call leaves the in-flight gauge just before the last event
     * goes out, so a client that has read the whole answer never sees its own call still in flight.
     */
    private Flux<String> paced(List<String> events, Duration perChunk, StatsRecorder.Call call) {
        Flux<String> leading = Flux.fromIterable(events.subList(0, events.size() - 1));
        Mono<String> last = Mono.fromCallable(() -> {
            call.complete();
            return events.get(events.size() - 1);
        });
        return perChunk.isZero()
                ? leading.concatWith(last)
                : leading.delayElements(perChunk, timer)
                        .concatWith(Mono.delay(perChunk, timer).then(last));
    }

    /** Blank lines (or SSE comments) right away and for a while, then the real body, as DeepSeek under load. */
    private Mono<Void> keepAlive(Reply reply, String contentType, String line, Duration wait, Flux<String> body) {
        Duration holdFor = reply.fault().keepAliveFor();
        Duration rest = wait.compareTo(holdFor) > 0 ? wait.minus(holdFor) : Duration.ZERO;
        Flux<String> lines = Flux.interval(Duration.ZERO, KEEP_ALIVE_INTERVAL, timer)
                .take(holdFor, timer)
                .map(tick -> line);
        Flux<String> all = Flux.concat(lines, Mono.delay(rest, timer).thenMany(body));
        HttpServerResponse response = reply.response().status(200);
        response = contentType.equals(HttpReplies.TEXT_EVENT_STREAM)
                ? eventStream(response)
                : response.header(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpServerResponse started = response;
        return Mono.defer(() -> {
            reply.call().answered(200);
            return started.sendString(all).then();
        });
    }

    /** A stream whose middle event is cut off mid-JSON, then ends without {@code [DONE]}. */
    private static List<String> corrupt(List<String> events) {
        int middle = events.size() / 2;
        String broken = events.get(middle).substring(0, events.get(middle).length() / 2) + "\n\n";
        List<String> corrupted = new ArrayList<>(events.subList(0, middle));
        corrupted.add(broken);
        return corrupted;
    }

    private static HttpServerResponse eventStream(HttpServerResponse response) {
        return response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, HttpReplies.TEXT_EVENT_STREAM)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    }

    private Mono<Void> error(HttpServerResponse response, StatsRecorder.Call call, ApiError error) {
        call.answered(error.status());
        call.complete();
        return HttpReplies.json(response, error.status(), error.toJson(mapper));
    }

    private ApiError authenticate(String authorization) {
        String prefix = "Bearer ";
        if (authorization == null
                || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                || authorization.substring(prefix.length()).isBlank()) {
            return ApiError.missingApiKey();
        }
        String key = authorization.substring(prefix.length()).trim();
        String required = state.settings().requiredApiKey();
        if (required != null && !MessageDigest.isEqual(required.getBytes(UTF_8), key.getBytes(UTF_8))) {
            return ApiError.invalidApiKey(key);
        }
        return null;
    }

    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
