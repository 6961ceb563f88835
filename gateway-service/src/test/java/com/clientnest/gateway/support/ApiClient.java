package com.clientnest.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the gateway over real HTTP, as a client would. */
public final class ApiClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Reply post(String path, String apiKey, String body) {
        return post(path, apiKey, body, Map.of());
    }

    public Reply post(String path, String apiKey, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    public Reply postAs(String path, String apiKey, String contentType, String body) {
        return send(request(path, apiKey)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply patch(String path, String apiKey, String body) {
        return send(request(path, apiKey)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply get(String path, String apiKey) {
        return send(request(path, apiKey).GET());
    }

    public Reply delete(String path, String apiKey) {
        return send(request(path, apiKey).DELETE());
    }

    /** Any method, raw body bytes and headers, as a hostile client would send them. */
    public Reply raw(String method, String path, String apiKey, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, apiKey)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** A JSON body sent chunked, without a Content-Length. */
    public Reply postChunked(String path, String apiKey, byte[] body) {
        return send(request(path, apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    public JsonNode json(String text) {
        return json.readTree(text);
    }

    private HttpRequest.Builder request(String path, String apiKey) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() || !contentType.contains("json") ? null : json(response.body());
            return new Reply(
                    response.statusCode(),
                    contentType,
                    body,
                    response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("Call to the gateway failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the gateway", e);
        }
    }

    /** Status, content type, body (parsed when it is JSON) and headers (lower-case names) of one answer. */
    public record Reply(int status, String contentType, JsonNode body, String text, Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
