package com.clientnest.local.benchmark;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends sentiment requests at a fixed rate (open loop), round-robin over the given users' keys. */
final class LoadGenerator {

    private final Gateway gateway;
    private final List<String> keys;
    private final int rate;
    private final int seconds;
    private final AtomicInteger refused = new AtomicInteger();
    /** Makes this run's texts its own: repeats of another run's would be answered from the response cache. */
    private final String run = Long.toString(System.nanoTime(), 36);

    LoadGenerator(Gateway gateway, List<String> keys, int rate, int seconds) {
        this.gateway = gateway;
        this.keys = keys;
        this.rate = rate;
        this.seconds = seconds;
    }

    List<Submitted> run() throws Exception {
        List<Submitted> accepted = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> calls = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String key = keys.get(i % keys.size());
            long sent = System.nanoTime();
            long sentAt = System.currentTimeMillis();
            calls.add(gateway.submitSentiment(key, "Load test comment " + run + "-" + i + ", really great support")
                    .thenAccept(response -> record(response, key, sent, sentAt, accepted)));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        return new ArrayList<>(accepted);
    }

    int refused() {
        return refused.get();
    }

    /** Polls every request until it is final, or the timeout passes. */
    List<Gateway.Final> awaitFinal(List<Submitted> submitted, Duration timeout) throws Exception {
        List<Gateway.Final> finals = new ArrayList<>();
        List<Submitted> pending = new ArrayList<>(submitted);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<Submitted> still = new ArrayList<>();
            for (Submitted request : pending) {
                Gateway.Final status = gateway.finalStatus(request.apiKey(), request.requestId());
                if (status == null) {
                    still.add(request);
                } else {
                    finals.add(status);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " requests were not final after " + timeout);
        }
        return finals;
    }

    private void record(HttpResponse<String> response, String key, long sent, long sentAt, List<Submitted> accepted) {
        if (response.statusCode() != 202) {
            refused.incrementAndGet();
            return;
        }
        var body = Gateway.json(response.body());
        accepted.add(new Submitted(
                body.path("requestId").asString(),
                key,
                body.path("lane").asString(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent),
                sentAt));
    }
}
