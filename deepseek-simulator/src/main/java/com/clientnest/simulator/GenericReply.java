package com.clientnest.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reply to a prompt the simulator does not recognise: prose about the prompt's topic of a length drawn from the
 * request's seed, or that prose wrapped in a JSON object in JSON mode.
 */
final class GenericReply {

    private static final String[] SENTENCES = {
        "This is a simulated answer from the DeepSeek simulator.",
        "The reply is deterministic, so the same request always gets the same words.",
        "Good results come from clear goals, steady practice and honest feedback.",
        "Start with the audience, then choose the message, then the format.",
        "Short sentences keep readers with you.",
        "A concrete example is worth more than a general claim.",
        "Measure what matters and drop what does not.",
        "Consistency beats intensity over the long run."
    };

    private GenericReply() {}

    static String text(ChatRequest request, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> topic = TextFeatures.keywords(request.lastUserText(), 4);
        StringBuilder text = new StringBuilder(
                topic.isEmpty() ? "Here is my answer." : "Here is my answer about " + String.join(", ", topic) + ".");
        // A seeded shuffle, so the prose varies in length and order but never repeats a sentence.
        List<String> sentences = new ArrayList<>(List.of(SENTENCES));
        for (int i = sentences.size() - 1; i > 0; i--) {
            Collections.swap(sentences, i, random.nextInt(i + 1));
        }
        sentences
                .subList(0, 3 + random.nextInt(SENTENCES.length - 2))
                .forEach(s -> text.append(' ').append(s));
        return text.toString();
    }

    static ObjectNode json(JsonMapper mapper, ChatRequest request, long seed) {
        ObjectNode reply = mapper.createObjectNode();
        reply.put("answer", text(request, seed));
        JsonNodes.putStrings(reply, "topics", TextFeatures.keywords(request.lastUserText(), 4));
        return reply;
    }
}
