package com.clientnest.worker.deepseek;

/**
 * A DeepSeek call that did not produce a usable answer. Whether it is worth retrying is decided here, in one
 * place: 429 (the account's concurrency limit), 5xx, timeouts, broken connections and blank or malformed
 * bodies are transient; 400, 401, 402 and 422 will fail the same way every time.
 */
public final class DeepSeekException extends RuntimeException {

    private final String reasonCode;
    private final int status;
    private final boolean retryable;

    private DeepSeekException(String reasonCode, int status, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
        this.status = status;
        this.retryable = retryable;
    }

    static DeepSeekException forStatus(int status, String message) {
        boolean retryable = status == 429 || status >= 500;
        String reason = switch (status) {
            case 400 -> "deepseek_bad_request";
            case 401 -> "deepseek_unauthorized";
            case 402 -> "deepseek_insufficient_balance";
            case 422 -> "deepseek_invalid_parameters";
            case 429 -> "deepseek_rate_limited";
            default -> status >= 500 ? "deepseek_unavailable" : "deepseek_rejected";
        };
        return new DeepSeekException(reason, status, retryable, "DeepSeek answered " + status + ": " + message, null);
    }

    static DeepSeekException timeout(String message) {
        return new DeepSeekException("deepseek_timeout", 0, true, message, null);
    }

    static DeepSeekException connection(Throwable cause) {
        return new DeepSeekException("deepseek_connection_failed", 0, true, "Cannot reach DeepSeek: " + cause, cause);
    }

    /** A 200 whose body or content cannot be used: blank JSON happens under load and passes on a retry. */
    public static DeepSeekException unusableAnswer(String message, Throwable cause) {
        return new DeepSeekException("deepseek_unusable_answer", 200, true, message, cause);
    }

    /** The answer was cut by {@code max_tokens}; the same request would be cut again. */
    public static DeepSeekException truncated(String message) {
        return new DeepSeekException("deepseek_output_truncated", 200, false, message, null);
    }

    public String reasonCode() {
        return reasonCode;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
