package com.clientnest.cost;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The cost service's internal API called as the gateway calls it, with the service token. */
public final class InternalApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public InternalApi(int port) {
        this.port = port;
    }

    public HttpResponse<String> call(String method, String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + CostIntegrationTest.SERVICE_TOKEN)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
