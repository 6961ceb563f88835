package com.clientnest.gateway.submission;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The request bodies of the three AI endpoints, validated before anything is stored. */
final class SubmissionRequests {

    static final int MAX_TEXT = 5000;

    private SubmissionRequests() {}

    record SentimentRequest(
            @NotBlank @Size(max = MAX_TEXT) String text,
            @Size(max = MAX_TEXT) String context) {}

    record ContentRequest(
            @NotBlank @Size(max = MAX_TEXT) String prompt,
            @NotNull Platform platform,
            @NotNull ContentType contentType,
            @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
            @Min(1) @Max(4000) Integer maxTokens,
            RequestedPriority priority,
            Boolean urgent) {}

    record OptimizationRequest(
            @NotBlank @Size(max = MAX_TEXT) String content,
            @NotNull Platform platform,
            @NotNull OptimizationType optimizationType) {}
}
