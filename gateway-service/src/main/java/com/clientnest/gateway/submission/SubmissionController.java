package com.clientnest.gateway.submission;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.submission.SubmissionRequests.ContentRequest;
import com.clientnest.gateway.submission.SubmissionRequests.OptimizationRequest;
import com.clientnest.gateway.submission.SubmissionRequests.SentimentRequest;
import com.clientnest.gateway.submission.SubmissionRequests.SuggestionsRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accepts AI requests for asynchronous processing; each answer is {@code 202} with where to follow the request. */
@RestController
@RequestMapping(
        path = "/api/v1/ai",
        consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class SubmissionController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SubmissionService submissions;

    SubmissionController(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @PostMapping("/sentiment")
    ResponseEntity<SubmissionAccepted> sentiment(
            @Parameter(hidden = true) Caller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) @Pattern(regexp = "\\S+")
                    String idempotencyKey,
            @Valid @RequestBody SentimentRequest request) {
        return accepted(submissions.submit(caller, Submission.of(request), idempotencyKey));
    }

    @PostMapping("/content")
    ResponseEntity<SubmissionAccepted> content(
            @Parameter(hidden = true) Caller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) @Pattern(regexp = "\\S+")
                    String idempotencyKey,
            @Valid @RequestBody ContentRequest request) {
        return accepted(submissions.submit(caller, Submission.of(request), idempotencyKey));
    }

    @PostMapping("/optimization")
    ResponseEntity<SubmissionAccepted> optimization(
            @Parameter(hidden = true) Caller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) @Pattern(regexp = "\\S+")
                    String idempotencyKey,
            @Valid @RequestBody OptimizationRequest request) {
        return accepted(submissions.submit(caller, Submission.of(request), idempotencyKey));
    }

    @Operation(summary = "Content suggestions: count variants of one content request", description = """
                    `count` (1 to 10) variants of content about `topic`, one DeepSeek call each at rising temperature                     (the request's `temperature`, default 0.8, plus 0.1 per variant, at most 2.0), under one request                     id. Always on the low lane, whatever the tier or `urgent`. Each variant counts as one content                     generation: all `count` are reserved at once, and with fewer left the answer is                     `429 quota_exceeded` and nothing is queued. A `count` outside 1..10 is `400 validation_failed`                     naming `count`. The result, once completed, is `{variants: [{content, hashtags, mentions,                     callToAction, postingTips, temperature}], model, usage, cached}`.""")
    @PostMapping("/suggestions")
    ResponseEntity<SubmissionAccepted> suggestions(
            @Parameter(hidden = true) Caller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) @Pattern(regexp = "\\S+")
                    String idempotencyKey,
            @Valid @RequestBody SuggestionsRequest request) {
        return accepted(submissions.submit(caller, Submission.of(request), idempotencyKey));
    }

    private static ResponseEntity<SubmissionAccepted> accepted(SubmissionAccepted answer) {
        return ResponseEntity.accepted()
                .location(URI.create(answer.statusUrl()))
                .body(answer);
    }
}
