package com.clientnest.gateway.ratelimit;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Takes one request from the caller's bucket for every AI submission, after authentication and before anything
 * else: a refused submission reserves no quota and stores nothing. Every answer carries the IETF {@code RateLimit}
 * and {@code RateLimit-Policy} headers; a refusal is a {@code 429 rate_limited} with {@code Retry-After}.
 */
class RateLimitInterceptor implements HandlerInterceptor {

    static final String POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";

    private final RateLimiter limiter;

    RateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        if (caller == null) {
            return true;
        }
        RateLimitDecision decision = limiter.take(caller.userId(), caller.tier());
        if (!decision.allowed()) {
            throw new ProblemException(
                    ProblemCode.RATE_LIMITED,
                    "At most " + decision.limit() + " requests a minute are allowed for this user; retry in "
                            + decision.resetSeconds() + " s",
                    Map.of("limit", decision.limit(), "windowSeconds", decision.windowSeconds()),
                    Map.of(
                            "Retry-After",
                            Long.toString(decision.resetSeconds()),
                            POLICY,
                            decision.policyHeader(),
                            RATE_LIMIT,
                            decision.rateLimitHeader()));
        }
        response.setHeader(POLICY, decision.policyHeader());
        response.setHeader(RATE_LIMIT, decision.rateLimitHeader());
        return true;
    }
}
