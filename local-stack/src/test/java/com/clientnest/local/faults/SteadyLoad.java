package com.clientnest.local.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady stream of mixed submissions (sentiment, content, optimisation, round robin over users of several
 * tiers) at a fixed rate, each sent on its own virtual thread so a slow or absent gateway never slows the rate.
 * It remembers every request the gateway accepted (202): those are the ones that must never be lost.
 */
final class SteadyLoad implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Each body is numbered: the faults are about DeepSeek calls, which the response cache would save on repeats.
    private static final List<Submission> MIX = List.of(
            new Submission("/api/v1/ai/sentiment", "{\"text\":\"Love the new release, great work! #%s\"}"),
            new Submission(
                    "/api/v1/ai/content",
                    "{\"prompt\":\"Announce our winter sale #%s\",\"platform\":\"instagram\",\"contentType\":\"caption\"}"),
            new Submission(
                    "/api/v1/ai/sentiment", "{\"text\":\"Shipping took far too long. #%s\",\"context\":\"review\"}"),
            new Submission(
                    "/api/v1/ai/optimization",
                    "{\"content\":\"New shoes in store #%s\",\"platform\":\"twitter\",\"optimizationType\":\"engagement\"}"));

    private final String gatewayUrl;
    private final List<String> apiKeys;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Queue<String> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<String, Long> slowestMillis = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread pacer;
    /** Makes this load's texts its own: identical texts of an earlier load would be answered from the cache. */
    private final String run = Long.toString(System.nanoTime(), 36);

    private SteadyLoad(String gatewayUrl, List<String> apiKeys, int perSecond) {
        this.gatewayUrl = gatewayUrl;
        this.apiKeys = List.copyOf(apiKeys);
        this.pacer = Thread.ofPlatform().name("steady-load").daemon().start(() -> pace(perSecond));
    }

    static SteadyLoad start(String gatewayUrl, List<String> apiKeys, int perSecond) {
        return new SteadyLoad(gatewayUrl, apiKeys, perSecond);
    }

    /** Every request id answered 202 so far. */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** How the gateway answered: HTTP status, or {@code unreachable} / {@code timeout}, with counts. */
    Map<String, Long> answers() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((answer, count) -> counts.put(answer, count.sum()));
        return counts;
    }

    /** The slowest answer of each kind, in milliseconds: a refusal must come fast, not after a hung call. */
    Map<String, Long> slowestMillis() {
        return new TreeMap<>(slowestMillis);
    }

    /** Stops sending and waits for the answers of what was sent. */
    @Override
    public void close() {
        running.set(false);
        try {
            pacer.join();
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pace(int perSecond) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        long sent = 0;
        while (running.get()) {
            long index = sent++;
            senders.execute(() -> send(index));
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void send(long index) {
        Submission submission = MIX.get((int) (index % MIX.size()));
        String apiKey = apiKeys.get((int) ((index / MIX.size()) % apiKeys.size()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + submission.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(submission.body().formatted(run + "-" + index)))
                .build();
        String answer;
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answer = Integer.toString(response.statusCode());
            if (response.statusCode() == 202) {
                accepted.add(JSON.readTree(response.body()).path("requestId").asString());
            }
        } catch (java.net.http.HttpTimeoutException e) {
            answer = "timeout";
        } catch (java.io.IOException e) {
            answer = "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = "interrupted";
        }
        answers.computeIfAbsent(answer, key -> new LongAdder()).increment();
        slowestMillis.merge(answer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
    }

    private record Submission(String path, String body) {}
}
