package com.clientnest.gateway.submission;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.problem.ProblemCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts every AI submission as {@code clientnest.gateway.submissions} by type, lane, tier and outcome, at the one
 * point all of them pass: the body about to be written. Acceptances, validation failures, the rate limiter's
 * refusal (raised in an interceptor) and quota refusals all end here, so no decision site needs its own counter.
 * The tags come from closed vocabularies only (never the user).
 */
@ControllerAdvice
class SubmissionOutcomes implements ResponseBodyAdvice<Object> {

    static final String SUBMISSIONS = "clientnest.gateway.submissions";

    private static final Pattern SUBMISSION_PATH =
            Pattern.compile("/api/v1/ai/(sentiment|content|optimization|suggestions)");
    private static final String NONE = "none";
    // A spent budget is a quota of dollars: one outcome for operators, as in the vocabulary.
    private static final Map<ProblemCode, String> OUTCOMES = Map.of(
            ProblemCode.VALIDATION_FAILED, "invalid",
            ProblemCode.UNSUPPORTED_MEDIA_TYPE, "invalid",
            ProblemCode.RATE_LIMITED, "rate_limited",
            ProblemCode.QUOTA_EXCEEDED, "quota_exceeded",
            ProblemCode.BUDGET_EXHAUSTED, "quota_exceeded",
            ProblemCode.UNAUTHORIZED, "unauthorized",
            ProblemCode.FORBIDDEN, "unauthorized",
            ProblemCode.UNAVAILABLE, "unavailable");

    private final MeterRegistry registry;

    SubmissionOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet
                && "POST".equals(servlet.getMethod().name())) {
            Matcher path = SUBMISSION_PATH.matcher(request.getURI().getPath());
            if (path.matches()) {
                Caller caller = (Caller) servlet.getServletRequest().getAttribute(Caller.REQUEST_ATTRIBUTE);
                count(path.group(1), caller, body);
            }
        }
        return body;
    }

    private void count(String type, Caller caller, Object body) {
        String tier = caller == null ? NONE : caller.tier().name().toLowerCase(Locale.ROOT);
        Counter.builder(SUBMISSIONS)
                .description("AI submissions, by request type, lane, tier and outcome")
                .tags("type", type, "lane", lane(type, body), "tier", tier, "outcome", outcome(body))
                .register(registry)
                .increment();
    }

    private static String lane(String type, Object body) {
        if (body instanceof SubmissionAccepted accepted) {
            return accepted.lane();
        }
        // Content suggestions always go to the low lane (DESIGN.md, "Priority").
        return body instanceof ProblemDetail || !"suggestions".equals(type) ? NONE : "low";
    }

    private static String outcome(Object body) {
        if (!(body instanceof ProblemDetail problem)) {
            return "accepted";
        }
        Object code =
                problem.getProperties() == null ? null : problem.getProperties().get("code");
        for (ProblemCode candidate : ProblemCode.values()) {
            if (candidate.code().equals(code)) {
                return OUTCOMES.getOrDefault(candidate, "error");
            }
        }
        return "error";
    }
}
