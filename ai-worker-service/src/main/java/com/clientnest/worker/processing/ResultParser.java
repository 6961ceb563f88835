package com.clientnest.worker.processing;

import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.events.OptimizationResult;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.worker.deepseek.DeepSeekException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the model's JSON answer into a typed result and checks it: a model can return blank content, prose,
 * or values outside the allowed set. A blank or unparsable answer is a transient failure (DeepSeek documents
 * blank JSON under load); out-of-range values are clamped or normalised rather than failing the user.
 */
@Component
class ResultParser {

    private static final Set<String> SENTIMENTS = Set.of("positive", "negative", "neutral");
    private static final Set<String> URGENCIES = Set.of("low", "medium", "high");

    private final JsonMapper json;

    ResultParser(JsonMapper json) {
        this.json = json;
    }

    Object parse(RequestType type, String content) {
        JsonNode root = readObject(content);
        return switch (type) {
            case SENTIMENT_ANALYSIS -> sentiment(root);
            case CONTENT_GENERATION -> content(root);
            case CONTENT_OPTIMIZATION -> optimization(root);
        };
    }

    private JsonNode readObject(String content) {
        if (content == null || content.isBlank()) {
            throw DeepSeekException.unusableAnswer("DeepSeek returned blank content", null);
        }
        try {
            JsonNode root = json.readTree(content.strip());
            if (!root.isObject()) {
                throw DeepSeekException.unusableAnswer("DeepSeek returned JSON that is not an object", null);
            }
            return root;
        } catch (JacksonException e) {
            throw DeepSeekException.unusableAnswer("DeepSeek returned content that is not JSON", e);
        }
    }

    private SentimentResult sentiment(JsonNode root) {
        String sentiment = oneOf(root.path("sentiment").asString(""), SENTIMENTS, null);
        if (sentiment == null) {
            throw DeepSeekException.unusableAnswer("DeepSeek returned no valid sentiment", null);
        }
        double confidence = Math.max(0.0, Math.min(1.0, root.path("confidence").asDouble(0.5)));
        return SentimentResult.newBuilder()
                .setSentiment(sentiment)
                .setConfidence(confidence)
                .setEmotions(strings(root.path("emotions")))
                .setUrgency(oneOf(root.path("urgency").asString(""), URGENCIES, "low"))
                .setSuggestedResponseTone(root.path("suggested_response_tone").asString(""))
                .build();
    }

    private ContentResult content(JsonNode root) {
        String text = root.path("content").asString("");
        if (text.isBlank()) {
            throw DeepSeekException.unusableAnswer("DeepSeek returned no content text", null);
        }
        return ContentResult.newBuilder()
                .setContent(text)
                .setHashtags(strings(root.path("hashtags")))
                .setMentions(strings(root.path("mentions")))
                .setCallToAction(root.path("call_to_action").asString(""))
                .setPostingTips(strings(root.path("posting_tips")))
                .build();
    }

    private OptimizationResult optimization(JsonNode root) {
        String optimized = root.path("optimized_content").asString("");
        if (optimized.isBlank()) {
            throw DeepSeekException.unusableAnswer("DeepSeek returned no optimized content", null);
        }
        int prediction =
                Math.max(1, Math.min(10, root.path("engagement_prediction").asInt(5)));
        return OptimizationResult.newBuilder()
                .setOptimizedContent(optimized)
                .setImprovements(strings(root.path("improvements")))
                .setHashtags(strings(root.path("hashtags")))
                .setBestPostingTime(root.path("best_posting_time").asString(""))
                .setEngagementPrediction(prediction)
                .setCallToAction(root.path("call_to_action").asString(""))
                .build();
    }

    private static String oneOf(String value, Set<String> allowed, String fallback) {
        String normalised = value.trim().toLowerCase(Locale.ROOT);
        return allowed.contains(normalised) ? normalised : fallback;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> {
                if (item.isValueNode() && !item.asString("").isBlank()) {
                    values.add(item.asString());
                }
            });
        } else if (node.isString() && !node.asString().isBlank()) {
            values.add(node.asString());
        }
        return values;
    }
}
