package com.clientnest.simulator;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parts of a chat completion request the simulator acts on.
 *
 * @param maxTokens the caller's {@code max_tokens}, or 0 when absent
 */
record ChatRequest(
        String model, List<Message> messages, boolean jsonMode, int maxTokens, boolean stream, boolean includeUsage) {

    record Message(String role, String content) {}

    /** The prompt as the token counter and context cache see it: every message with its role marker. */
    String promptText() {
        StringBuilder text = new StringBuilder();
        for (Message message : messages) {
            text.append("<|").append(message.role()).append("|>").append(message.content());
        }
        return text.toString();
    }

    String systemText() {
        return textOf("system");
    }

    /** The last user message, which is what the seed's prompts put the subject in. */
    String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    private String textOf(String role) {
        return messages.stream()
                .filter(m -> m.role().equals(role))
                .map(Message::content)
                .collect(Collectors.joining("\n"));
    }
}
