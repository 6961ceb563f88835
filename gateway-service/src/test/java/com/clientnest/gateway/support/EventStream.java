package com.clientnest.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Follows a server-sent event stream of the gateway, collecting its events until the server ends it. */
public final class EventStream {

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> ended;
    private volatile int status;

    private EventStream(int port, String path, String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60))
                .build();
        ended = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    status = response.statusCode();
                    collect(response.body());
                    return response.statusCode();
                });
    }

    public static EventStream open(int port, String path, String apiKey) {
        return new EventStream(port, path, apiKey);
    }

    private void collect(Stream<String> lines) {
        String[] name = {"message"};
        lines.forEach(line -> {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("event:")) {
                name[0] = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                events.add(new Event(name[0], line.substring("data:".length()).trim()));
                name[0] = "message";
            }
        });
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The comment lines ({@code :…}) received so far, which are not events. */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    public int status() {
        return status;
    }

    /** One event: its name and its data line. */
    public record Event(String name, String data) {}
}
