package com.clientnest.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reply to the seed's sentiment prompt, read from a small word list so tests can steer it: "love", "great" and
 * the like make it positive, "terrible", "refund", "broken" negative, a preceding "not" flips a word.
 */
final class SentimentReply {

    private static final Set<String> POSITIVE = Set.of(
            "love",
            "loved",
            "loving",
            "great",
            "amazing",
            "awesome",
            "excellent",
            "fantastic",
            "happy",
            "thanks",
            "thank",
            "wonderful",
            "best",
            "perfect",
            "good",
            "nice",
            "like",
            "recommend",
            "beautiful",
            "glad",
            "helpful",
            "enjoy",
            "enjoyed",
            "brilliant");
    private static final Set<String> NEGATIVE = Set.of(
            "terrible",
            "awful",
            "hate",
            "bad",
            "worst",
            "refund",
            "broken",
            "angry",
            "disappointed",
            "poor",
            "horrible",
            "useless",
            "scam",
            "slow",
            "problem",
            "issue",
            "complaint",
            "cancel",
            "wrong",
            "bug",
            "crash",
            "unacceptable",
            "rude",
            "annoying");
    private static final Set<String> URGENT =
            Set.of("refund", "broken", "urgent", "asap", "immediately", "cancel", "scam", "lawyer", "crash", "charged");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "don't", "didn't", "isn't", "wasn't");
    private static final Set<String> GRATITUDE = Set.of("thanks", "thank", "grateful");
    private static final Set<String> ANGER = Set.of("hate", "angry", "terrible", "awful", "scam", "unacceptable");

    private SentimentReply() {}

    static ObjectNode write(JsonMapper mapper, String text) {
        List<String> words = TextFeatures.words(text);
        int positive = 0;
        int negative = 0;
        boolean urgent = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean negated = i > 0 && NEGATIONS.contains(words.get(i - 1));
            if (POSITIVE.contains(word)) {
                if (negated) negative++;
                else positive++;
            } else if (NEGATIVE.contains(word)) {
                if (negated) positive++;
                else negative++;
            }
            urgent |= URGENT.contains(word);
        }
        int score = positive - negative;
        String sentiment = score > 0 ? "positive" : score < 0 ? "negative" : "neutral";
        boolean question = text.contains("?");

        ObjectNode reply = mapper.createObjectNode();
        reply.put("sentiment", sentiment);
        reply.put("confidence", confidence(score, positive + negative));
        JsonNodes.putStrings(reply, "emotions", emotions(sentiment, words, text, question));
        reply.put("urgency", urgency(sentiment, urgent, question));
        reply.put(
                "suggested_response_tone",
                switch (sentiment) {
                    case "positive" -> "warm and appreciative";
                    case "negative" -> "empathetic, apologetic and solution-focused";
                    default -> "friendly and informative";
                });
        return reply;
    }

    private static double confidence(int score, int signals) {
        if (score == 0) {
            return signals == 0 ? 0.6 : 0.55;
        }
        return Math.min(0.98, Math.round((0.7 + 0.08 * Math.abs(score)) * 100) / 100.0);
    }

    private static List<String> emotions(String sentiment, List<String> words, String text, boolean question) {
        List<String> emotions = new ArrayList<>();
        switch (sentiment) {
            case "positive" -> {
                emotions.add("joy");
                if (words.stream().anyMatch(GRATITUDE::contains)) emotions.add("gratitude");
                if (text.contains("!")) emotions.add("excitement");
            }
            case "negative" -> {
                emotions.add("frustration");
                if (words.stream().anyMatch(ANGER::contains)) emotions.add("anger");
                if (words.contains("disappointed") || words.contains("poor")) emotions.add("disappointment");
            }
            default -> emotions.add(question ? "curiosity" : "calm");
        }
        return emotions;
    }

    private static String urgency(String sentiment, boolean urgent, boolean question) {
        if (sentiment.equals("negative")) {
            return urgent ? "high" : "medium";
        }
        return question ? "medium" : "low";
    }
}
