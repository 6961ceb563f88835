package com.clientnest.simulator;

/**
 * What a request asks for, told from the JSON keys its prompt lists. The keys are those of the product's seed
 * prompts, so the product's real prompts get replies of the shape they parse.
 */
enum ReplyKind {
    SENTIMENT("suggested_response_tone"),
    OPTIMISATION("optimized_content"),
    CONTENT_GENERATION("posting_tips"),
    GENERIC(null);

    private final String marker;

    ReplyKind(String marker) {
        this.marker = marker;
    }

    /** Looks at the system prompt first, where the seed puts the keys, then at the whole conversation. */
    static ReplyKind of(ChatRequest request) {
        ReplyKind fromSystem = find(request.systemText());
        return fromSystem != GENERIC ? fromSystem : find(request.promptText());
    }

    private static ReplyKind find(String text) {
        for (ReplyKind kind : values()) {
            if (kind.marker != null && text.contains(kind.marker)) {
                return kind;
            }
        }
        return GENERIC;
    }
}
