package com.clientnest.gateway.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The request bodies of the AI endpoints, validated before anything is stored. {@code urgent} is accepted on every
 * type, as the seed's scoring adds its bonus to any request; so is {@code deferrable} (wait for DeepSeek's off-peak
 * window, priced at about half). A field not named here is refused.
 */
final class SubmissionRequests {

    static final int MAX_TEXT = 5000;
    static final int MAX_VARIANTS = 10;

    private SubmissionRequests() {}

    record SentimentRequest(
            @NotBlank @Size(max = MAX_TEXT) String text,
            @Size(max = MAX_TEXT) String context,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean urgent,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deferrable) {}

    record ContentRequest(
            @NotBlank @Size(max = MAX_TEXT) String prompt,
            @NotNull Platform platform,
            @NotNull ContentType contentType,
            @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
            @Min(1) @Max(4000) Integer maxTokens,
            RequestedPriority priority,
            Boolean urgent,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deferrable) {}

    /**
     * Content suggestions, the seed's {@code get_content_suggestions}: {@code count} variants of one content request
     * about {@code topic}. No {@code priority}: suggestions always travel on the low lane.
     *
     * @param contentType absent means {@code post}
     */
    record SuggestionsRequest(
            @NotBlank @Size(max = MAX_TEXT) String topic,
            @NotNull Platform platform,
            ContentType contentType,
            @NotNull @Min(1) @Max(MAX_VARIANTS) Integer count,
            @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
            @Min(1) @Max(4000) Integer maxTokens,
            Boolean urgent,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deferrable) {}

    record OptimizationRequest(
            @NotBlank @Size(max = MAX_TEXT) String content,
            @NotNull Platform platform,
            @NotNull OptimizationType optimizationType,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean urgent,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deferrable) {}
}
