package com.clientnest.simulator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error as DeepSeek sends it: {@code {"error":{"message","type","param","code"}}}. The messages follow the real
 * service's wording where it is known, so logs read the same against the simulator and production.
 */
record ApiError(int status, String message, String type, String param, String code) {

    static final String INVALID_REQUEST = "invalid_request_error";

    static ApiError missingApiKey() {
        return new ApiError(
                401,
                "Authentication Fails, no api key provided in the Authorization header",
                "authentication_error",
                null,
                INVALID_REQUEST);
    }

    static ApiError invalidApiKey(String key) {
        String tail = key.length() <= 4 ? key : key.substring(key.length() - 4);
        return new ApiError(
                401,
                "Authentication Fails, Your api key: ****" + tail + " is invalid",
                "authentication_error",
                null,
                INVALID_REQUEST);
    }

    /** A body that is not JSON at all: 400, like the real service's JSON syntax rejection. */
    static ApiError invalidJson(String detail) {
        return new ApiError(
                400, "Failed to parse the request body as JSON: " + detail, INVALID_REQUEST, null, INVALID_REQUEST);
    }

    /** JSON of the wrong shape (missing field, wrong type): 422, like the real service's deserialisation error. */
    static ApiError wrongShape(String detail) {
        return new ApiError(
                422,
                "Failed to deserialize the JSON body into the target type: " + detail,
                INVALID_REQUEST,
                null,
                INVALID_REQUEST);
    }

    /** A well-formed parameter with a value out of range: 400 with the parameter named. */
    static ApiError invalidValue(String param, String message) {
        return new ApiError(400, message, INVALID_REQUEST, param, INVALID_REQUEST);
    }

    static ApiError modelNotExist() {
        return new ApiError(400, "Model Not Exist", INVALID_REQUEST, "model", INVALID_REQUEST);
    }

    static ApiError rateLimited() {
        return new ApiError(
                429,
                "Rate Limit Reached: too many concurrent requests for this account",
                "rate_limit_error",
                null,
                "rate_limit_exceeded");
    }

    static ApiError notFound(String path) {
        return new ApiError(404, "Not Found: " + path, INVALID_REQUEST, null, "not_found");
    }

    static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "Method Not Allowed: " + method, INVALID_REQUEST, null, "method_not_allowed");
    }

    /** The body DeepSeek sends with an injected status. */
    static ApiError forStatus(int status) {
        return switch (status) {
            case 400 -> new ApiError(status, "Invalid Format", INVALID_REQUEST, null, INVALID_REQUEST);
            case 401 -> new ApiError(status, "Authentication Fails", "authentication_error", null, INVALID_REQUEST);
            case 402 -> new ApiError(status, "Insufficient Balance", "unknown_error", null, "invalid_request_error");
            case 422 -> new ApiError(status, "Invalid Parameters", INVALID_REQUEST, null, INVALID_REQUEST);
            case 429 -> rateLimited();
            case 500 -> new ApiError(status, "Server Error", "server_error", null, "server_error");
            case 503 ->
                new ApiError(
                        status, "Server Overloaded, please try again later", "server_error", null, "server_overloaded");
            default ->
                new ApiError(
                        status,
                        "Simulated failure with status " + status,
                        status >= 500 ? "server_error" : INVALID_REQUEST,
                        null,
                        status >= 500 ? "server_error" : INVALID_REQUEST);
        };
    }

    String toJson(JsonMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return mapper.writeValueAsString(root);
    }
}
