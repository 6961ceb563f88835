package com.clientnest.schemas.topics;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a request was dead-lettered. The codes travel in the {@link DeadLetterHeaders#REASON_CODE} header and in
 * {@code AiFailed.reasonCode}, and reach API clients as the request's error code: they are a public contract, so
 * a code is never renamed or reused. Only faults of the request itself are here; an outage, a 429 or an account
 * fault (401, 402) is waited out and never dead-letters a request.
 */
public enum DeadLetterReason {
    /** The lane record could not be read as a request, or no prompt could be built from it. */
    INVALID_REQUEST("invalid_request"),
    /** DeepSeek answered 400: the request body is malformed for DeepSeek. */
    DEEPSEEK_BAD_REQUEST("deepseek_bad_request"),
    /** DeepSeek answered 422: a parameter of the request is invalid. */
    DEEPSEEK_INVALID_PARAMETERS("deepseek_invalid_parameters"),
    /** DeepSeek refused the request with another 4xx that no retry will change. */
    DEEPSEEK_REJECTED("deepseek_rejected"),
    /** The answer was cut by {@code max_tokens}: a retry would be cut again and billed again. */
    DEEPSEEK_OUTPUT_TRUNCATED("deepseek_output_truncated"),
    /** The request kept failing while DeepSeek answered other requests, on its last allowed delivery. */
    RETRIES_EXHAUSTED("retries_exhausted");

    private final String code;

    DeadLetterReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<DeadLetterReason> fromCode(String code) {
        return Arrays.stream(values())
                .filter(reason -> reason.code.equals(code))
                .findFirst();
    }
}
