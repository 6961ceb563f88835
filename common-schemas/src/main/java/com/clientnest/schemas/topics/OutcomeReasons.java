package com.clientnest.schemas.topics;

/**
 * Reason codes of {@code AiFailed} outcomes that are not dead letters: the request ended without a fault of its own.
 * Public like {@link DeadLetterReason}'s codes, so never renamed or reused.
 */
public final class OutcomeReasons {

    /** The owner cancelled the request before a worker called DeepSeek for it: no call, no charge. */
    public static final String CANCELLED = "cancelled";

    private OutcomeReasons() {}
}
