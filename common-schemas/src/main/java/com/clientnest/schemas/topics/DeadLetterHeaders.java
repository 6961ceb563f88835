package com.clientnest.schemas.topics;

/** Headers a dead-lettered request carries: why it failed and where it came from, so ops can replay it. */
public final class DeadLetterHeaders {

    /** Stable machine-readable reason, e.g. {@code deepseek_rejected}, {@code retries_exhausted}. */
    public static final String REASON_CODE = "clientnest.dlt.reason-code";

    public static final String MESSAGE = "clientnest.dlt.message";
    public static final String EXCEPTION_CLASS = "clientnest.dlt.exception-class";
    public static final String ORIGINAL_TOPIC = "clientnest.dlt.original-topic";
    public static final String ORIGINAL_PARTITION = "clientnest.dlt.original-partition";
    public static final String ORIGINAL_OFFSET = "clientnest.dlt.original-offset";
    public static final String ATTEMPTS = "clientnest.dlt.attempts";

    private DeadLetterHeaders() {}
}
