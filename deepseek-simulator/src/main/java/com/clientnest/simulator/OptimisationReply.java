package com.clientnest.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The reply to the seed's optimisation prompt: the draft with a hook, a call to action and hashtags added. */
final class OptimisationReply {

    private static final Map<String, String> BEST_TIMES = Map.of(
            "twitter", "Weekdays 9:00-11:00 local time",
            "linkedin", "Tuesday to Thursday 8:00-10:00 local time",
            "instagram", "Weekdays 11:00-13:00 and 19:00-21:00 local time",
            "facebook", "Wednesday to Friday 13:00-15:00 local time",
            "tiktok", "Evenings 19:00-22:00 local time",
            "generic", "Weekdays 10:00-12:00 local time");
    private static final Map<String, String> CALLS_TO_ACTION = Map.of(
            "engagement", "Tell us what you think in the comments!",
            "reach", "Share this with someone who needs to see it.",
            "conversion", "Tap the link to get started today.",
            "brand", "Follow us for more stories like this.");
    private static final String[] HOOKS = {"Here's the thing:", "Quick one:", "Did you know?", "Big news:"};

    private OptimisationReply() {}

    static ObjectNode write(JsonMapper mapper, ChatRequest request, long seed) {
        String system = request.systemText();
        String platform = TextFeatures.platform(system);
        String goal = goal(system);
        String draft = stripLabel(request.lastUserText()).trim();
        List<String> hashtags = TextFeatures.keywords(draft, 3).stream()
                .map(TextFeatures::hashtag)
                .toList();
        if (hashtags.isEmpty()) {
            hashtags = List.of("#SocialMedia");
        }
        SplittableRandom random = new SplittableRandom(seed);
        String callToAction = CALLS_TO_ACTION.get(goal);
        String optimised = HOOKS[random.nextInt(HOOKS.length)] + " " + sentence(draft) + " " + callToAction + " "
                + String.join(" ", hashtags);
        List<String> improvements = new ArrayList<>(List.of(
                "Opened with a hook to stop the scroll",
                "Added a clear call to action for " + goal,
                "Added relevant hashtags"));
        if (platform.equals("twitter") && optimised.length() > 280) {
            optimised = optimised.substring(0, 277) + "...";
            improvements.add("Trimmed to fit 280 characters");
        }

        ObjectNode reply = mapper.createObjectNode();
        reply.put("optimized_content", optimised);
        JsonNodes.putStrings(reply, "improvements", improvements);
        JsonNodes.putStrings(reply, "hashtags", hashtags);
        reply.put("best_posting_time", BEST_TIMES.get(platform));
        reply.put("engagement_prediction", 5 + random.nextInt(5));
        reply.put("call_to_action", callToAction);
        return reply;
    }

    private static String goal(String system) {
        String lower = system.toLowerCase(Locale.ROOT);
        for (String goal : List.of("conversion", "reach", "brand", "engagement")) {
            if (lower.contains(goal)) {
                return goal;
            }
        }
        return "engagement";
    }

    private static String stripLabel(String text) {
        String label = "Original content:";
        int at = text.indexOf(label);
        return at >= 0 ? text.substring(at + label.length()) : text;
    }

    private static String sentence(String text) {
        if (text.isEmpty()) {
            return "";
        }
        String capitalised = TextFeatures.capitalise(text);
        char last = capitalised.charAt(capitalised.length() - 1);
        return last == '.' || last == '!' || last == '?' ? capitalised : capitalised + ".";
    }
}
