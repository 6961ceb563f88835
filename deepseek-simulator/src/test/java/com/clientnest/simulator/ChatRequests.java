package com.clientnest.simulator;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Object Mother of chat completion bodies, using the product's seed prompts. */
final class ChatRequests {

    static final String MODEL = "deepseek-flash";

    static final String SENTIMENT_SYSTEM_PROMPT = """
            You are a sentiment analysis expert. Analyze the sentiment of the given comment.

            Return a JSON response with:
            - sentiment: "positive", "negative", or "neutral"
            - confidence: float between 0 and 1
            - emotions: array of detected emotions
            - urgency: "low", "medium", or "high" (for response priority)
            - suggested_response_tone: recommended tone for response
            """;

    static final String OPTIMISATION_SYSTEM_PROMPT = """
            You are a social media optimization expert. Optimize for conversion and call-to-action.

            Platform: Twitter (280 characters, hashtags, mentions)

            Return a JSON response with:
            - optimized_content: the improved content
            - improvements: array of changes made
            - hashtags: suggested hashtags (if applicable)
            - best_posting_time: recommended posting time
            - engagement_prediction: predicted engagement score (1-10)
            - call_to_action: suggested CTA (if applicable)
            """;

    static final String CONTENT_SYSTEM_PROMPT = """
            You are an expert social media content creator.

            Task: Create an engaging social media post
            Platform: linkedin
            Instructions: Professional tone. Thought leadership content. Industry insights.

            Additional requirements:
            - Maintain brand voice and tone
            - Include call-to-action when appropriate
            - Optimize for engagement
            - Follow platform best practices

            Return a JSON response with:
            - content: the main content/text
            - hashtags: array of relevant hashtags
            - mentions: suggested mentions (if any)
            - call_to_action: suggested CTA
            - posting_tips: array of posting optimization tips
            """;

    private ChatRequests() {}

    static ObjectNode plain(String userText) {
        ObjectNode body = SimulatorHttp.JSON.createObjectNode();
        body.put("model", MODEL);
        body.putArray("messages").addObject().put("role", "user").put("content", userText);
        return body;
    }

    static ObjectNode withSystem(String systemPrompt, String userText) {
        ObjectNode body = SimulatorHttp.JSON.createObjectNode();
        body.put("model", MODEL);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt);
        messages.addObject().put("role", "user").put("content", userText);
        body.putObject("response_format").put("type", "json_object");
        return body;
    }

    static ObjectNode sentiment(String comment) {
        return withSystem(SENTIMENT_SYSTEM_PROMPT, comment)
                .put("temperature", 0.1)
                .put("max_tokens", 200);
    }

    static ObjectNode optimisation(String draft) {
        return withSystem(OPTIMISATION_SYSTEM_PROMPT, "Original content: " + draft);
    }

    static ObjectNode contentGeneration(String topic) {
        return withSystem(CONTENT_SYSTEM_PROMPT, topic).put("temperature", 0.8).put("max_tokens", 800);
    }

    static ChatRequest parsed(ObjectNode body) {
        return new ChatRequestReader(SimulatorHttp.JSON).read(body.toString());
    }
}
