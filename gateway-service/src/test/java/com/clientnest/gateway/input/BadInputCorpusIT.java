package com.clientnest.gateway.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Several hundred malformed or hostile calls across every endpoint: bodies, headers, path ids, query parameters,
 * content types and encodings. None may cost a 5xx, and every answer must be a problem with a stable code.
 */
@GatewayIntegrationTest
class BadInputCorpusIT {

    private static final String DEV = GatewayIntegrationTest.DEV_USER_KEY;
    private static final String ADMIN = GatewayIntegrationTest.ADMIN_KEY;
    private static final Set<String> CODES =
            Arrays.stream(ProblemCode.values()).map(ProblemCode::code).collect(Collectors.toSet());

    private static final List<String> SUBMISSIONS =
            List.of("/api/v1/ai/sentiment", "/api/v1/ai/content", "/api/v1/ai/optimization", "/api/v1/ai/suggestions");

    @LocalServerPort
    int port;

    @Test
    void givenHundredsOfBadInputsOnEveryEndpointWhenSentThenNoneIsA5xxAndEveryAnswerIsAProblemWithAStableCode() {
        // Given
        List<Call> corpus = corpus();

        // When
        ApiClient api = new ApiClient(port);
        List<String> wrong = new ArrayList<>();
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        int sent = 0;
        for (Call call : corpus) {
            Reply reply;
            try {
                reply = api.raw(call.method(), call.path(), call.apiKey(), call.body(), call.headers());
            } catch (IllegalArgumentException unsendable) {
                // The HTTP client itself refuses to send it (an illegal header value): nothing reaches the gateway.
                continue;
            }
            sent++;
            byStatus.merge(reply.status(), 1, Integer::sum);
            String fault = fault(reply);
            if (fault != null) {
                wrong.add(call.describe() + " -> " + reply.status() + " " + fault + ": " + abbreviate(reply.text()));
            }
        }

        // Then
        assertThat(sent).isGreaterThanOrEqualTo(500);
        assertThat(wrong).as("answers by status: %s", byStatus).isEmpty();
    }

    private static String fault(Reply reply) {
        if (reply.status() < 400 || reply.status() >= 500) {
            return "is not a client error";
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "is not a problem (" + reply.contentType() + ")";
        }
        if (reply.body() == null
                || reply.body().get("code") == null
                || !CODES.contains(reply.body().get("code").asString())) {
            return "has no stable code";
        }
        if (reply.body().path("status").asInt() != reply.status()) {
            return "has a status member that differs";
        }
        return null;
    }

    private static List<Call> corpus() {
        List<Call> calls = new ArrayList<>();
        for (String path : SUBMISSIONS) {
            for (byte[] body : hostileBodies()) {
                calls.add(new Call("POST", path, DEV, body, json()));
            }
            for (Map<String, String> headers : hostileHeaders()) {
                calls.add(new Call("POST", path, DEV, utf8("{\"text\": "), headers));
            }
            for (String key : hostileKeys()) {
                calls.add(new Call("POST", path, key, utf8("{}"), json()));
            }
            for (String method : List.of("PUT", "PATCH", "DELETE")) {
                calls.add(new Call(method, path, DEV, utf8("{}"), json()));
            }
        }
        for (String id : hostileIds()) {
            calls.add(new Call("GET", "/api/v1/ai/requests/" + id, DEV, null, Map.of()));
            calls.add(new Call("DELETE", "/api/v1/ai/requests/" + id, DEV, null, Map.of()));
            calls.add(new Call("GET", "/api/v1/ai/requests/" + id + "/events", DEV, null, Map.of()));
            calls.add(new Call("GET", "/api/v1/admin/users/" + id + "/usage?month=13", ADMIN, null, Map.of()));
            calls.add(new Call("POST", "/api/v1/admin/users/" + id + "/disable", ADMIN, null, Map.of()));
        }
        for (String query : hostileQueries()) {
            calls.add(new Call("GET", "/api/v1/ai/requests?" + query, DEV, null, Map.of()));
        }
        for (String month : List.of("13", "2026-13", "2026-00", "x", "%00", "2026-1", "99999-01", "2026-01-01")) {
            calls.add(new Call("GET", "/api/v1/usage?month=" + month, DEV, null, Map.of()));
        }
        for (String key : hostileKeys()) {
            calls.add(new Call("GET", "/api/v1/queue", key, null, Map.of()));
            calls.add(new Call("GET", "/api/v1/usage", key, null, Map.of()));
            calls.add(new Call("GET", "/api/v1/ai/requests", key, null, Map.of()));
            calls.add(new Call("POST", "/api/v1/admin/users", key, utf8("{\"name\":\"x\",\"tier\":\"free\"}"), json()));
        }
        for (byte[] body : hostileBodies()) {
            calls.add(new Call("POST", "/api/v1/admin/users", ADMIN, body, json()));
            calls.add(new Call("PATCH", "/api/v1/admin/users/" + UUID.randomUUID(), ADMIN, body, json()));
        }
        for (String path : List.of(
                "/api/v1/nothing",
                "/api/v2/ai/sentiment",
                "/api/v1/ai",
                "/api/v1/ai/requests/" + UUID.randomUUID() + "/x",
                "/api/v1/admin/users",
                "/api/v1/usage/x",
                "/api/v1/queue/x")) {
            calls.add(new Call("GET", path, DEV, null, Map.of()));
        }
        return calls;
    }

    private static List<byte[]> hostileBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of(
                "",
                " ",
                "null",
                "true",
                "42",
                "\"text\"",
                "[]",
                "[{}]",
                "{",
                "}",
                "{\"text\":}",
                "{\"text\": \"a\",}",
                "{'text': 'single quotes'}",
                "{text: \"unquoted\"}",
                "{\"text\": \"a\\u0000b\", \"prompt\": \"a\\u0000b\", \"content\": \"a\\u0000b\", \"name\": \"a\\u0000\"}",
                "{\"text\": \"\\ud800\", \"prompt\": \"\\udfff\", \"content\": \"\\ud800x\", \"topic\": \"\\ud800\"}",
                "{\"text\": \"\\u001b[31m\", \"prompt\": \"\\u0001\", \"content\": \"\\u0008\", \"topic\": \"\\u007f\\u0002\"}",
                "{\"text\": \"\\x41\"}",
                "{\"text\": \"\\u12\"}",
                "{\"text\": 1, \"prompt\": 1, \"content\": 1, \"name\": 1, \"topic\": 1}",
                "{\"text\": [], \"prompt\": {}, \"content\": [], \"name\": [], \"topic\": {}}",
                "{\"text\": null, \"prompt\": null, \"content\": null, \"name\": null, \"topic\": null}",
                "{\"urgnt\": true}",
                "{\"text\": \"ok\", \"prompt\": \"ok\", \"content\": \"ok\", \"extra\": 1}",
                "{\"prompt\": \"a\", \"platform\": \"myspace\", \"contentType\": \"post\", \"text\": \"a\","
                        + " \"content\": \"a\", \"optimizationType\": \"reach\", \"topic\": \"a\", \"count\": 2}",
                "{\"prompt\": \"a\", \"platform\": \"twitter\", \"contentType\": \"post\", \"temperature\": 9e999}",
                "{\"prompt\": \"a\", \"platform\": \"twitter\", \"contentType\": \"post\", \"temperature\": \"NaN\"}",
                "{\"prompt\": \"a\", \"platform\": \"twitter\", \"contentType\": \"post\", \"maxTokens\": -1}",
                "{\"prompt\": \"a\", \"platform\": \"twitter\", \"contentType\": \"post\","
                        + " \"maxTokens\": 99999999999999999999}",
                "{\"prompt\": \"a\", \"platform\": \"twitter\", \"contentType\": \"post\", \"urgent\": \"yes\"}",
                "{\"prompt\": \"a\", \"platform\": \"twitter\", \"contentType\": \"post\", \"priority\": \"urgent\"}",
                "{\"topic\": \"a\", \"platform\": \"twitter\", \"count\": 0, \"text\": 5}",
                "{\"topic\": \"a\", \"platform\": \"twitter\", \"count\": 11, \"text\": 5}",
                "{\"topic\": \"a\", \"platform\": \"twitter\", \"count\": -2147483649, \"text\": 5}",
                "{\"name\": \"\", \"tier\": \"platinum\", \"text\": \"\"}",
                "{\"name\": \"x\", \"tier\": null, \"text\": \" \"}",
                "{\"tier\": \"FREE\\u0000\", \"text\": \" \"}",
                "{\"text\": \"" + "a".repeat(5001) + "\", \"prompt\": \"" + "a".repeat(5001) + "\", \"content\": \""
                        + "a".repeat(5001) + "\", \"name\": \"" + "a".repeat(5001) + "\"}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "\"" + "x".repeat(70_000) + "\"",
                "\uFEFF{\"text\": \"bom\", \"name\": 1}",
                "{\"text\": \"ok\"} trailing",
                "{\"text\": \"ok\"}{\"text\": \"again\", \"x\": 1}",
                "/* comment */ {\"text\": \"ok\"}")) {
            bodies.add(utf8(text));
        }
        // Encodings: Latin-1, an overlong NUL, a lone continuation byte, UTF-16 and truncated UTF-8.
        bodies.add("{\"text\": \"caf\u00e9\", \"prompt\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        bodies.add(concat(utf8("{\"text\": \"a"), new byte[] {(byte) 0xC0, (byte) 0x80}, utf8("\"}")));
        bodies.add(concat(utf8("{\"text\": \"a"), new byte[] {(byte) 0x80}, utf8("\"}")));
        bodies.add("{\"text\": \"utf16\", \"x\": 1}".getBytes(StandardCharsets.UTF_16));
        bodies.add(concat(utf8("{\"text\": \"a"), new byte[] {(byte) 0xE2, (byte) 0x82}, utf8("\"}")));
        bodies.add(new byte[] {0, 0, 0, 0});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD});
        bodies.add(utf8("a".repeat(70_000)));
        return bodies;
    }

    private static List<Map<String, String>> hostileHeaders() {
        return List.of(
                Map.of(),
                Map.of("Content-Type", "text/plain"),
                Map.of("Content-Type", "application/xml"),
                Map.of("Content-Type", "multipart/form-data; boundary=x"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                Map.of("Content-Type", "application/json; charset=does-not-exist"),
                Map.of("Content-Type", "application/json; charset=utf-16"),
                Map.of("Content-Type", "nonsense"),
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                Map.of("Content-Type", "application/json", "Accept", "application/xml"),
                Map.of("Content-Type", "application/json", "Accept", "text/html"),
                Map.of("Content-Type", "application/json", "Idempotency-Key", " "),
                Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(300)),
                Map.of("Content-Type", "application/json", "Idempotency-Key", "two words"));
    }

    private static List<String> hostileKeys() {
        return List.of(
                "",
                "nope",
                "dev-user-key x",
                "' OR '1'='1",
                "x".repeat(5000),
                "dev-user-key\tx",
                "%00",
                "Basic ZGV2OmRldg==");
    }

    private static List<String> hostileIds() {
        return List.of(
                "not-a-uuid",
                "1",
                "-1",
                "00000000-0000-0000-0000-00000000000g",
                "00000000-0000-0000-0000-0000000000000",
                "%00",
                "%2e%2e",
                "..%2F..%2Fadmin",
                "%ef%bf%bf",
                "%c0%80",
                "%ff",
                "%e2%80%ae",
                "x".repeat(3000),
                "%20",
                "'%3B%20DROP%20TABLE%20users--",
                "%7B%7D",
                "%5B%5D",
                "null",
                "%25",
                "%3Cscript%3E");
    }

    private static List<String> hostileQueries() {
        return List.of(
                "status=bogus",
                "status=queued%00",
                "type=poem",
                "type=%20",
                "since=yesterday",
                "since=2026-13-01T00:00:00Z",
                "since=%00",
                "cursor=%25%25%25",
                "cursor=not-a-cursor",
                "cursor=" + "A".repeat(5000),
                "cursor=bnVsbA",
                "cursor=MTIzOm5vdC1hLXV1aWQ",
                "limit=-1",
                "limit=0",
                "limit=1000000000000",
                "limit=abc",
                "status=%ff",
                "type=%ef%bf%bf",
                "since=99999999999-01-01T00:00:00Z",
                "status=COMPLETED&status=bogus");
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private record Call(String method, String path, String apiKey, byte[] body, Map<String, String> headers) {

        String describe() {
            String shown = body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8));
            return method + " " + abbreviate(path) + " key=" + (apiKey == null ? null : abbreviate(apiKey)) + " "
                    + headers + " " + shown;
        }
    }
}
