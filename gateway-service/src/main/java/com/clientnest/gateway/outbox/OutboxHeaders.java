package com.clientnest.gateway.outbox;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Record headers in the outbox: a JSON object of name to base64 value, since header values are any bytes. */
final class OutboxHeaders {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OutboxHeaders() {}

    static String toJson(Map<String, byte[]> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        Map<String, String> encoded = new LinkedHashMap<>();
        headers.forEach((name, value) -> encoded.put(name, Base64.getEncoder().encodeToString(value)));
        return JSON.writeValueAsString(encoded);
    }

    static Map<String, byte[]> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        JsonNode node = JSON.readTree(json);
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            headers.put(
                    header.getKey(),
                    Base64.getDecoder().decode(header.getValue().asString()));
        }
        return headers;
    }
}
