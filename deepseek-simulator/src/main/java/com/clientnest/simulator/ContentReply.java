package com.clientnest.simulator;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The reply to the seed's content generation prompt: a post about the user's topic, shaped by platform and type. */
final class ContentReply {

    private static final Pattern MENTION = Pattern.compile("@[A-Za-z0-9_]{2,30}");
    private static final String[] OPENERS = {
        "Big things are happening!",
        "Let's talk about something that matters.",
        "Here's a quick idea for you.",
        "We have been busy behind the scenes."
    };
    private static final String[] MIDDLES = {
        "It is built for people who want results without the busywork.",
        "Small steps, repeated every day, add up to real change.",
        "Our community asked for it, and we listened.",
        "It takes less time than your morning coffee."
    };
    private static final String[] CALLS_TO_ACTION = {
        "Tell us what you think in the comments!",
        "Share this with a friend who needs it.",
        "Follow us for more.",
        "Tap the link to learn more."
    };
    private static final Map<String, List<String>> TIPS = Map.of(
            "twitter", List.of("Post during weekday mornings", "Keep it under 280 characters", "Use 1-2 hashtags"),
            "linkedin",
                    List.of(
                            "Post Tuesday to Thursday mornings",
                            "Open with a professional insight",
                            "Ask a question to invite comments"),
            "instagram",
                    List.of(
                            "Pair it with a strong visual",
                            "Put hashtags at the end of the caption",
                            "Share it to Stories as well"),
            "facebook",
                    List.of(
                            "Add an image or short video",
                            "Reply to comments in the first hour",
                            "Post mid-week in the early afternoon"),
            "tiktok", List.of("Hook viewers in the first two seconds", "Use a trending sound", "Post in the evening"),
            "generic",
                    List.of(
                            "Post when your audience is most active",
                            "Use a clear visual",
                            "Reply to comments quickly"));

    private ContentReply() {}

    static ObjectNode write(JsonMapper mapper, ChatRequest request, long seed) {
        String system = request.systemText();
        String platform = TextFeatures.platform(system);
        String topic = request.lastUserText().trim();
        SplittableRandom random = new SplittableRandom(seed);
        String callToAction = CALLS_TO_ACTION[random.nextInt(CALLS_TO_ACTION.length)];
        List<String> hashtags = TextFeatures.keywords(topic, 3).stream()
                .map(TextFeatures::hashtag)
                .toList();
        String content = compose(contentType(system), topic, random, callToAction);
        if (platform.equals("twitter") && content.length() > 280) {
            content = content.substring(0, 277) + "...";
        }

        ObjectNode reply = mapper.createObjectNode();
        reply.put("content", content);
        JsonNodes.putStrings(reply, "hashtags", hashtags.isEmpty() ? List.of("#NewPost") : hashtags);
        JsonNodes.putStrings(reply, "mentions", mentions(topic));
        reply.put("call_to_action", callToAction);
        JsonNodes.putStrings(reply, "posting_tips", TIPS.get(platform));
        return reply;
    }

    private static String contentType(String system) {
        if (system.contains("thread")) return "thread";
        if (system.contains("caption")) return "caption";
        if (system.contains("Stories format")) return "story";
        return "post";
    }

    private static String compose(String type, String topic, SplittableRandom random, String callToAction) {
        String subject = topic.length() > 160 ? topic.substring(0, 160) : topic;
        String opener = OPENERS[random.nextInt(OPENERS.length)];
        String middle = MIDDLES[random.nextInt(MIDDLES.length)];
        return switch (type) {
            case "thread" -> "1/ " + opener + " " + subject + "\n\n2/ " + middle + "\n\n3/ " + callToAction;
            case "caption" -> subject + " — " + middle;
            case "story" -> opener + " " + subject + " Swipe up to see more.";
            default -> opener + " " + subject + " " + middle + " " + callToAction;
        };
    }

    private static List<String> mentions(String topic) {
        Matcher matcher = MENTION.matcher(topic);
        return matcher.results().map(MatchResult::group).distinct().toList();
    }
}
