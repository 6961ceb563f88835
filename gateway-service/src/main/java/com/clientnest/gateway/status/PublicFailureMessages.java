package com.clientnest.gateway.status;

import com.clientnest.schemas.topics.DeadLetterReason;
import com.clientnest.schemas.topics.OutcomeReasons;
import java.util.Map;

/**
 * What a user reads about a failed request. The worker's message may quote DeepSeek's own error text (a provider
 * detail, sometimes the prompt echoed back), so users get a fixed sentence per stable reason code instead; the worker's
 * message stays in the dead-letter headers for operators.
 */
final class PublicFailureMessages {

    static final String OTHER = "The request could not be completed";

    private static final Map<String, String> BY_REASON = Map.of(
            DeadLetterReason.INVALID_REQUEST.code(),
            "The request could not be turned into a prompt",
            DeadLetterReason.DEEPSEEK_BAD_REQUEST.code(),
            "The AI provider refused the request as malformed",
            DeadLetterReason.DEEPSEEK_INVALID_PARAMETERS.code(),
            "The AI provider refused a parameter of the request",
            DeadLetterReason.DEEPSEEK_REJECTED.code(),
            "The AI provider refused the request",
            DeadLetterReason.DEEPSEEK_OUTPUT_TRUNCATED.code(),
            "The answer was longer than the request's maxTokens allows",
            DeadLetterReason.RETRIES_EXHAUSTED.code(),
            "The AI provider kept failing for this request",
            OutcomeReasons.CANCELLED,
            "The request was cancelled by its owner");

    private PublicFailureMessages() {}

    static String forReason(String reasonCode) {
        return BY_REASON.getOrDefault(reasonCode, OTHER);
    }
}
