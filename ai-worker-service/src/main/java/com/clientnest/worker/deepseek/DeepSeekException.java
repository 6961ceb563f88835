package com.clientnest.worker.deepseek;

/**
 * A DeepSeek call that did not produce a usable answer, classified once, here, by {@link DeepSeekFault}; what to
 * do about it is decided by the worker's failure policy.
 */
public final class DeepSeekException extends RuntimeException {

    private final DeepSeekFault fault;
    private final int status;

    private DeepSeekException(DeepSeekFault fault, int status, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
        this.status = status;
    }

    static DeepSeekException forStatus(int status, String message) {
        DeepSeekFault fault = switch (status) {
            case 400 -> DeepSeekFault.BAD_REQUEST;
            case 401, 402 -> DeepSeekFault.ACCOUNT;
            case 422 -> DeepSeekFault.INVALID_PARAMETERS;
            case 429 -> DeepSeekFault.RATE_LIMITED;
            default -> status >= 500 ? DeepSeekFault.UNAVAILABLE : DeepSeekFault.REJECTED;
        };
        return new DeepSeekException(fault, status, "DeepSeek answered " + status + ": " + message, null);
    }

    static DeepSeekException timeout(String message) {
        return new DeepSeekException(DeepSeekFault.TIMEOUT, 0, message, null);
    }

    static DeepSeekException connection(Throwable cause) {
        return new DeepSeekException(DeepSeekFault.CONNECTION, 0, "Cannot reach DeepSeek: " + cause, cause);
    }

    /** A 200 whose body or content cannot be used: blank JSON happens under load and passes on a retry. */
    public static DeepSeekException unusableAnswer(String message, Throwable cause) {
        return new DeepSeekException(DeepSeekFault.UNUSABLE_ANSWER, 200, message, cause);
    }

    /** The answer was cut by {@code max_tokens}; the same request would be cut again. */
    public static DeepSeekException truncated(String message) {
        return new DeepSeekException(DeepSeekFault.OUTPUT_TRUNCATED, 200, message, null);
    }

    public DeepSeekFault fault() {
        return fault;
    }

    /** The HTTP status DeepSeek answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
