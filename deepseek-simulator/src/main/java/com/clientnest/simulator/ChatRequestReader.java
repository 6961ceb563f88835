package com.clientnest.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates a chat completion body the way DeepSeek does: JSON syntax errors are 400, a body of the wrong
 * shape is 422, and out-of-range values are 400 naming the parameter. Unknown fields are ignored, as there.
 */
final class ChatRequestReader {

    static final int MAX_OUTPUT_TOKENS = 8192;
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private final JsonMapper mapper;

    ChatRequestReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ChatRequest read(String body) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw shape("invalid type: " + describe(root) + ", expected struct ChatCompletionRequest");
        }
        String model = requiredString(root, "model");
        List<ChatRequest.Message> messages = messages(root);
        int maxTokens = maxTokens(root.get("max_tokens"));
        checkRange(root.get("temperature"), "temperature", 0, 2, false);
        checkRange(root.get("top_p"), "top_p", 0, 1, true);
        boolean jsonMode = jsonMode(root.get("response_format"));
        boolean stream = bool(root.get("stream"), "stream");
        JsonNode streamOptions = root.get("stream_options");
        boolean includeUsage = streamOptions != null
                && streamOptions.isObject()
                && bool(streamOptions.get("include_usage"), "stream_options.include_usage");
        return new ChatRequest(model, messages, jsonMode, maxTokens, stream, includeUsage);
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            throw new RequestRejected(ApiError.invalidJson("EOF while parsing a value at line 1 column 0"));
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw new RequestRejected(ApiError.invalidJson(e.getOriginalMessage()));
        }
    }

    private static List<ChatRequest.Message> messages(JsonNode root) {
        JsonNode node = root.get("messages");
        if (node == null || node.isNull()) {
            throw shape("missing field `messages`");
        }
        if (!node.isArray()) {
            throw shape("messages: invalid type: " + describe(node) + ", expected a sequence");
        }
        if (node.isEmpty()) {
            throw new RequestRejected(ApiError.invalidValue("messages", "Empty input messages"));
        }
        List<ChatRequest.Message> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatRequest.Message message(JsonNode node, String where) {
        if (!node.isObject()) {
            throw shape(where + ": invalid type: " + describe(node) + ", expected a message object");
        }
        JsonNode role = node.get("role");
        if (role == null) {
            throw shape(where + ": missing field `role`");
        }
        if (!role.isString() || !ROLES.contains(role.stringValue())) {
            throw shape(where + ": unknown variant `" + role.asString()
                    + "`, expected one of `system`, `user`, `assistant`, `tool`");
        }
        JsonNode content = node.get("content");
        boolean assistant = role.stringValue().equals("assistant");
        if (content == null || (content.isNull() && !assistant)) {
            throw shape(where + ": missing field `content`");
        }
        return new ChatRequest.Message(role.stringValue(), contentText(content, where));
    }

    /** Content is a string, or (as the OpenAI format allows) an array of text parts. */
    private static String contentText(JsonNode content, String where) {
        if (content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode partText = part.get("text");
                if (partText == null || !partText.isString()) {
                    throw shape(where + ".content: expected parts of type `text`");
                }
                text.append(partText.stringValue());
            }
            return text.toString();
        }
        throw shape(where + ".content: invalid type: " + describe(content) + ", expected a string");
    }

    private static int maxTokens(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber()) {
            throw shape("max_tokens: invalid type: " + describe(node) + ", expected u32");
        }
        long value = node.longValue();
        if (value < 1 || value > MAX_OUTPUT_TOKENS) {
            throw new RequestRejected(ApiError.invalidValue(
                    "max_tokens",
                    "Invalid max_tokens value, the valid range of max_tokens is [1, " + MAX_OUTPUT_TOKENS + "]"));
        }
        return (int) value;
    }

    private static void checkRange(JsonNode node, String name, double min, double max, boolean minExclusive) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isNumber()) {
            throw shape(name + ": invalid type: " + describe(node) + ", expected f32");
        }
        double value = node.doubleValue();
        boolean belowMin = minExclusive ? value <= min : value < min;
        if (belowMin || value > max) {
            String range = (minExclusive ? "(" : "[") + format(min) + ", " + format(max) + "]";
            throw new RequestRejected(ApiError.invalidValue(
                    name, "Invalid " + name + " value, the valid range of " + name + " is " + range));
        }
    }

    private static boolean jsonMode(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        JsonNode type = node.isObject() ? node.get("type") : null;
        if (type == null) {
            throw shape("response_format: missing field `type`");
        }
        return switch (type.asString()) {
            case "json_object" -> true;
            case "text" -> false;
            default ->
                throw shape("response_format.type: unknown variant `" + type.asString()
                        + "`, expected `text` or `json_object`");
        };
    }

    private static boolean bool(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw shape(name + ": invalid type: " + describe(node) + ", expected a boolean");
        }
        return node.booleanValue();
    }

    private static String requiredString(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw shape("missing field `" + name + "`");
        }
        if (!node.isString()) {
            throw shape(name + ": invalid type: " + describe(node) + ", expected a string");
        }
        return node.stringValue();
    }

    private static RequestRejected shape(String detail) {
        return new RequestRejected(ApiError.wrongShape(detail));
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase() + (node.isValueNode() ? " `" + node.asString() + "`" : "");
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
