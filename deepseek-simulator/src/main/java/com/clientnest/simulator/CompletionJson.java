package com.clientnest.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes a completion in DeepSeek's wire format, whole ({@code chat.completion}) or as server-sent events. */
final class CompletionJson {

    static final String SYSTEM_FINGERPRINT = "fp_deepseek_simulator";
    static final String DONE_EVENT = "data: [DONE]\n\n";
    /** About four tokens per streamed chunk, which is what the real service sends under typical load. */
    static final int CHARS_PER_CHUNK = 4 * Tokens.CHARS_PER_TOKEN;

    private final JsonMapper mapper;

    CompletionJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String body(String id, long created, Completion completion) {
        ObjectNode root = header(id, created, completion.model(), "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.content());
        choice.putNull("logprobs");
        choice.put("finish_reason", completion.finishReason());
        usage(root, completion);
        root.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return mapper.writeValueAsString(root);
    }

    /**
     * The stream: a first chunk with the role, content chunks, a last chunk with the finish reason (and the usage
     * when asked for, which DeepSeek puts in that same chunk), then {@code [DONE]}.
     */
    List<String> events(String id, long created, Completion completion, boolean includeUsage) {
        String content = completion.content();
        List<String> events = new ArrayList<>(content.length() / CHARS_PER_CHUNK + 4);
        ObjectNode first = chunk(id, created, completion.model());
        ObjectNode firstDelta = delta(first, null);
        firstDelta.put("role", "assistant");
        firstDelta.put("content", "");
        events.add(event(first));
        int from = 0;
        while (from < content.length()) {
            int to = Math.min(content.length(), from + CHARS_PER_CHUNK);
            if (to < content.length() && Character.isHighSurrogate(content.charAt(to - 1))) {
                to++;
            }
            ObjectNode chunk = chunk(id, created, completion.model());
            delta(chunk, null).put("content", content.substring(from, to));
            events.add(event(chunk));
            from = to;
        }
        ObjectNode last = chunk(id, created, completion.model());
        delta(last, completion.finishReason()).put("content", "");
        if (includeUsage) {
            usage(last, completion);
        }
        events.add(event(last));
        events.add(DONE_EVENT);
        return events;
    }

    private ObjectNode chunk(String id, long created, String model) {
        ObjectNode chunk = header(id, created, model, "chat.completion.chunk");
        chunk.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return chunk;
    }

    private static ObjectNode delta(ObjectNode chunk, String finishReason) {
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return delta;
    }

    private ObjectNode header(String id, long created, String model, String object) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    private static void usage(ObjectNode root, Completion completion) {
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", completion.promptTokens());
        usage.put("completion_tokens", completion.completionTokens());
        usage.put("total_tokens", completion.totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", completion.cacheHitTokens());
        usage.put("prompt_cache_hit_tokens", completion.cacheHitTokens());
        usage.put("prompt_cache_miss_tokens", completion.cacheMissTokens());
    }

    private String event(ObjectNode chunk) {
        return "data: " + mapper.writeValueAsString(chunk) + "\n\n";
    }
}
