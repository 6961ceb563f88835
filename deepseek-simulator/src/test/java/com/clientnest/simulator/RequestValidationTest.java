package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestValidationTest {

    @RegisterExtension
    static final RunningSimulator running = new RunningSimulator();

    @Test
    void refusesACallWithoutABearerKeyWith401() {
        // When a call carries no Authorization header
        HttpResponse<String> response = running.http()
                .post("/chat/completions", ChatRequests.plain("Hi").toString(), null);

        // Then it is refused with DeepSeek's authentication error
        assertError(response, 401, """
                {"error":{"message":"Authentication Fails, no api key provided in the Authorization header",
                          "type":"authentication_error","param":null,"code":"invalid_request_error"}}
                """);
    }

    @Test
    void refusesAKeyOtherThanTheRequiredOneWith401() {
        // Given a simulator that accepts only one key
        try (DeepSeekSimulator strict =
                DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0).withRequiredApiKey("sk-right"))) {
            SimulatorHttp strictHttp = new SimulatorHttp(strict);

            // When a call carries another key
            HttpResponse<String> response = strictHttp.post(
                    "/chat/completions", ChatRequests.plain("Hi").toString(), "sk-wrong");

            // Then it is refused naming only the key's last characters, and the right key passes
            assertError(response, 401, """
                    {"error":{"message":"Authentication Fails, Your api key: ****rong is invalid",
                              "type":"authentication_error","param":null,"code":"invalid_request_error"}}
                    """);
            assertThat(strictHttp
                            .post("/chat/completions", ChatRequests.plain("Hi").toString(), "sk-right")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void refusesAnUnknownModelAsDeepSeekDoes() {
        // When a call names a retired model
        HttpResponse<String> response = running.http()
                .chat(ChatRequests.plain("Hi").put("model", "deepseek-chat").toString());

        // Then it is refused with "Model Not Exist"
        assertError(response, 400, """
                {"error":{"message":"Model Not Exist","type":"invalid_request_error","param":"model",
                          "code":"invalid_request_error"}}
                """);
    }

    @Test
    void refusesABodyThatIsNotJsonWith400() {
        HttpResponse<String> response = running.http().chat("{\"model\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorHttp.json(response.body())
                        .get("error")
                        .get("message")
                        .asString())
                .startsWith("Failed to parse the request body as JSON: ");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(
                        "no messages",
                        "{\"model\":\"deepseek-flash\"}",
                        422,
                        "Failed to deserialize the JSON body into the target type: missing field `messages`",
                        null),
                Arguments.of(
                        "empty messages",
                        "{\"model\":\"deepseek-flash\",\"messages\":[]}",
                        400,
                        "Empty input messages",
                        "messages"),
                Arguments.of(
                        "unknown role",
                        "{\"model\":\"deepseek-flash\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
                        422,
                        "Failed to deserialize the JSON body into the target type: messages[0]: unknown variant"
                                + " `robot`, expected one of `system`, `user`, `assistant`, `tool`",
                        null),
                Arguments.of(
                        "message without content",
                        "{\"model\":\"deepseek-flash\",\"messages\":[{\"role\":\"user\"}]}",
                        422,
                        "Failed to deserialize the JSON body into the target type: messages[0]: missing field"
                                + " `content`",
                        null),
                Arguments.of(
                        "max_tokens of zero",
                        ChatRequests.plain("x").put("max_tokens", 0).toString(),
                        400,
                        "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]",
                        "max_tokens"),
                Arguments.of(
                        "max_tokens above the model's output limit",
                        ChatRequests.plain("x").put("max_tokens", 9000).toString(),
                        400,
                        "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]",
                        "max_tokens"),
                Arguments.of(
                        "max_tokens as text",
                        ChatRequests.plain("x").put("max_tokens", "ten").toString(),
                        422,
                        "Failed to deserialize the JSON body into the target type: max_tokens: invalid type:"
                                + " string `ten`, expected u32",
                        null),
                Arguments.of(
                        "temperature above 2",
                        ChatRequests.plain("x").put("temperature", 2.5).toString(),
                        400,
                        "Invalid temperature value, the valid range of temperature is [0, 2]",
                        "temperature"),
                Arguments.of(
                        "a response format DeepSeek lacks",
                        ChatRequests.plain("x")
                                .set("response_format", SimulatorHttp.json("{\"type\":\"json_schema\"}"))
                                .toString(),
                        422,
                        "Failed to deserialize the JSON body into the target type: response_format.type: unknown"
                                + " variant `json_schema`, expected `text` or `json_object`",
                        null));
    }

    @ParameterizedTest(name = "refuses {0} with {2}")
    @MethodSource("invalidBodies")
    void refusesAnInvalidBodyWithDeepSeeksErrorBody(
            String description, String body, int status, String message, String param) {
        // When an invalid body is posted
        HttpResponse<String> response = running.http().chat(body);

        // Then the status and the whole error body are DeepSeek's
        ApiError expected = new ApiError(status, message, "invalid_request_error", param, "invalid_request_error");
        assertError(response, status, expected.toJson(SimulatorHttp.JSON));
    }

    @Test
    void countsRefusedCallsInTheStatsByStatus() {
        // Given counters at zero
        running.simulator().resetStats();

        // When one unauthenticated and one invalid call arrive
        running.http().post("/chat/completions", ChatRequests.plain("Hi").toString(), null);
        running.http().chat("{\"model\":\"deepseek-flash\"}");

        // Then both are counted under their status
        assertThat(running.simulator().stats())
                .isEqualTo(new SimulatorStats(2, 0, 1, java.util.Map.of(401, 1L, 422, 1L), 0));
    }

    private static void assertError(HttpResponse<String> response, int status, String expectedBody) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(SimulatorHttp.json(response.body())).isEqualTo(SimulatorHttp.json(expectedBody));
    }
}
