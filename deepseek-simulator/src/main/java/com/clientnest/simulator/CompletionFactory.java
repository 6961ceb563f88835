package com.clientnest.simulator;

import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a request: picks the reply for what the prompt asks, counts tokens, consults the context cache and cuts
 * the content at {@code max_tokens} as the real model stops mid-sentence (or mid-JSON).
 */
final class CompletionFactory {

    /** What a blank-content fault answers: only whitespace, which DeepSeek documents as possible in JSON mode. */
    static final String BLANK_CONTENT = "\n\n";

    private final JsonMapper mapper;
    private final ObjectWriter prettyWriter;
    private final PromptCache cache;

    CompletionFactory(JsonMapper mapper, PromptCache cache) {
        this.mapper = mapper;
        this.prettyWriter = mapper.writerWithDefaultPrettyPrinter();
        this.cache = cache;
    }

    Completion complete(ChatRequest request, boolean blank) {
        String prompt = request.promptText();
        int promptTokens = Tokens.count(prompt);
        int cacheHit = cache.hitTokens(request.model(), prompt);
        String content = blank ? BLANK_CONTENT : content(request);
        String finishReason = "stop";
        if (request.maxTokens() > 0 && Tokens.count(content) > request.maxTokens()) {
            content = Tokens.truncate(content, request.maxTokens());
            finishReason = "length";
        }
        return new Completion(request.model(), content, finishReason, promptTokens, Tokens.count(content), cacheHit);
    }

    private String content(ChatRequest request) {
        long seed = TextFeatures.seed(request);
        ReplyKind kind = ReplyKind.of(request);
        // The seed's prompts ask for JSON in words even without response_format, and a model then answers JSON.
        ObjectNode json = switch (kind) {
            case SENTIMENT -> SentimentReply.write(mapper, request.lastUserText());
            case OPTIMISATION -> OptimisationReply.write(mapper, request, seed);
            case CONTENT_GENERATION -> ContentReply.write(mapper, request, seed);
            case GENERIC -> request.jsonMode() ? GenericReply.json(mapper, request, seed) : null;
        };
        return json == null ? GenericReply.text(request, seed) : prettyWriter.writeValueAsString(json);
    }
}
