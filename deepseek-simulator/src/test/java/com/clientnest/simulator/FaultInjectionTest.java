package com.clientnest.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class FaultInjectionTest {

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator();

    @Test
    void answersTheInjectedStatusWithDeepSeeksErrorBody() {
        // Given a 503 fault set through the control API
        HttpResponse<String> control =
                running.http().put("/_sim/faults", "{\"status\":503,\"probability\":1.0,\"seconds\":30}");

        // When a call arrives
        HttpResponse<String> response =
                running.http().chat(ChatRequests.plain("Hi").toString());

        // Then the control call echoes the plan and the call gets DeepSeek's overload error
        assertThat(SimulatorHttp.json(control.body())).isEqualTo(SimulatorHttp.json("""
                        {"active":true,"mode":"status","probability":1.0,"seconds":30.0,"keepAliveMs":3000,
                         "status":503}
                        """));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(SimulatorHttp.json(response.body())).isEqualTo(SimulatorHttp.json("""
                        {"error":{"message":"Server Overloaded, please try again later","type":"server_error",
                                  "param":null,"code":"server_overloaded"}}
                        """));
    }

    @Test
    void stopsInjectingWhenTheFaultIsDeleted() {
        // Given a 500 fault
        running.http().put("/_sim/faults", "{\"status\":500}");

        // When it is deleted
        HttpResponse<String> deleted = running.http().delete("/_sim/faults");

        // Then calls succeed again and no fault is reported
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(running.http().chat(ChatRequests.plain("Hi").toString()).statusCode())
                .isEqualTo(200);
        assertThat(SimulatorHttp.json(running.http().get("/_sim/faults").body()))
                .isEqualTo(SimulatorHttp.json("{\"active\":false}"));
    }

    @Test
    void stopsInjectingWhenTheFaultExpires() {
        // Given a fault for a fifth of a second
        running.simulator().faults(FaultPlan.status(429, 1.0, Duration.ofMillis(200)));
        assertThat(running.http().chat(ChatRequests.plain("Hi").toString()).statusCode())
                .isEqualTo(429);

        // When it has expired, then calls succeed again
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(running.http()
                                .chat(ChatRequests.plain("Hi").toString())
                                .statusCode())
                        .isEqualTo(200));
    }

    @Test
    void hitsOnlyTheShareOfCallsItsProbabilitySays() {
        // Given a fault that hits no call
        running.simulator().faults(FaultPlan.status(500, 0.0, Duration.ofSeconds(30)));

        // When ten calls arrive, then all succeed
        for (int i = 0; i < 10; i++) {
            assertThat(running.http().chat(ChatRequests.plain("Hi").toString()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void neverAnswersATimedOutCallAndFreesItWhenTheClientLeaves() throws IOException {
        // Given a timeout fault
        running.http().put("/_sim/faults", "{\"mode\":\"timeout\",\"seconds\":30}");

        // When a client waits half a second for an answer and hangs up
        try (Socket socket = new Socket("127.0.0.1", running.simulator().port())) {
            socket.setSoTimeout(500);
            writeRequest(socket.getOutputStream(), ChatRequests.plain("Hi").toString());
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        }

        // Then no byte came back and, once the client left, the call is counted as abandoned
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() ->
                        assertThat(running.simulator().stats()).isEqualTo(new SimulatorStats(1, 0, 1, Map.of(), 1)));
    }

    @Test
    void answersBlankContentForTheBlankJsonFault() {
        // Given a blank-json fault
        running.http().put("/_sim/faults", "{\"mode\":\"blank-json\"}");

        // When a JSON-mode call arrives
        HttpResponse<String> response =
                running.http().chat(ChatRequests.sentiment("I love it").toString());

        // Then it succeeds with whitespace as the content
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode choice = SimulatorHttp.json(response.body()).get("choices").get(0);
        assertThat(choice.get("message").get("content").asString()).isBlank();
        assertThat(choice.get("finish_reason").asString()).isEqualTo("stop");
    }

    @Test
    void sendsBlankLinesBeforeTheBodyForTheKeepAliveFault() {
        // Given a keep-alive fault holding the body for 700 ms
        running.http().put("/_sim/faults", "{\"mode\":\"keep-alive-lines\",\"keepAliveMs\":700}");
        long started = System.nanoTime();

        // When a call arrives
        HttpResponse<String> response =
                running.http().chat(ChatRequests.plain("Hi").toString());

        // Then the body is blank lines, one every half second from the start, then the completion
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("\n\n{");
        assertThat(SimulatorHttp.json(response.body()).get("object").asString()).isEqualTo("chat.completion");
    }

    @Test
    void sendsKeepAliveCommentsBeforeAStreamForTheKeepAliveFault() {
        // Given a keep-alive fault
        running.simulator()
                .faults(FaultPlan.mode(FaultMode.KEEP_ALIVE_LINES, 1.0, Duration.ofSeconds(30))
                        .withKeepAliveFor(Duration.ofMillis(300)));

        // When a streaming call arrives
        HttpResponse<String> response =
                running.http().chat(ChatRequests.plain("Hi").put("stream", true).toString());

        // Then SSE comments come first and the stream is complete
        assertThat(response.body()).startsWith(": keep-alive\n\n");
        List<String> data = ServerSentEvents.data(response.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void answersABodyThatIsNotJsonForTheMalformedFault() {
        // Given a malformed fault
        running.http().put("/_sim/faults", "{\"mode\":\"malformed\",\"probability\":1}");

        // When a call arrives
        HttpResponse<String> response =
                running.http().chat(ChatRequests.plain("Hi").toString());

        // Then it is a 200 whose body cannot be parsed
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"id\":");
        assertThatThrownBy(() -> SimulatorHttp.json(response.body())).isInstanceOf(JacksonException.class);
    }

    @Test
    void breaksAStreamMidwayForTheMalformedFault() {
        // Given a malformed fault
        running.simulator().faults(FaultPlan.mode(FaultMode.MALFORMED, 1.0, Duration.ofSeconds(30)));

        // When a streaming call arrives
        ObjectNode request = ChatRequests.plain("Tell me about tea").put("stream", true);
        List<String> data =
                ServerSentEvents.data(running.http().chat(request.toString()).body());

        // Then the last event is cut off mid-JSON and [DONE] never comes
        assertThat(data).doesNotContain("[DONE]");
        assertThatThrownBy(() -> SimulatorHttp.json(data.get(data.size() - 1))).isInstanceOf(JacksonException.class);
    }

    @Test
    void refusesAnUnknownFaultModeWith400() {
        HttpResponse<String> response = running.http().put("/_sim/faults", "{\"mode\":\"explode\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorHttp.json(response.body())
                        .get("error")
                        .get("message")
                        .asString())
                .isEqualTo("unknown fault mode 'explode'; use status, timeout, blank-json, keep-alive-lines or"
                        + " malformed");
    }

    private static void writeRequest(OutputStream out, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        String head = "POST /chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        out.write(head.getBytes(UTF_8));
        out.write(bytes);
        out.flush();
    }
}
