package com.clientnest.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Cheap, deterministic readings of prompt text that the canned replies are built from. */
final class TextFeatures {

    private static final Set<String> STOP_WORDS = Set.of(
            "about",
            "after",
            "again",
            "also",
            "been",
            "before",
            "being",
            "could",
            "does",
            "doing",
            "from",
            "have",
            "into",
            "just",
            "more",
            "most",
            "only",
            "other",
            "over",
            "some",
            "such",
            "than",
            "that",
            "their",
            "them",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "very",
            "want",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "will",
            "with",
            "would",
            "your",
            "yours",
            "original",
            "content",
            "please",
            "write",
            "post",
            "create");

    private static final List<String> PLATFORMS = List.of("twitter", "linkedin", "instagram", "facebook", "tiktok");

    private TextFeatures() {}

    /** Lower-case words of letters, digits and apostrophes, in order. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c) || c == '\'') {
                word.append(Character.toLowerCase(c));
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        return words;
    }

    /** The first distinct words of four letters or more that carry meaning, for hashtags and topics. */
    static List<String> keywords(String text, int max) {
        Set<String> keywords = new LinkedHashSet<>();
        for (String word : words(text)) {
            if (word.length() >= 4 && !STOP_WORDS.contains(word) && Character.isLetter(word.charAt(0))) {
                keywords.add(word.replace("'", ""));
                if (keywords.size() == max) {
                    break;
                }
            }
        }
        return List.copyOf(keywords);
    }

    /** The social platform a prompt targets, from the platform names the seed's prompts use. */
    static String platform(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return PLATFORMS.stream().filter(lower::contains).findFirst().orElse("generic");
    }

    static String hashtag(String word) {
        return "#" + capitalise(word);
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A stable 64-bit seed of the whole request, so equal requests get equal replies. */
    static long seed(ChatRequest request) {
        long hash = 0xcbf29ce484222325L;
        String text = request.model() + '\u0000' + request.promptText();
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
