package com.clientnest.gateway.auth;

import com.clientnest.gateway.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every API call by its {@code Authorization: Bearer <key>} header. An interceptor rather than a
 * servlet filter, so a rejection is rendered by the same problem handler as every other error.
 */
class AuthenticationInterceptor implements HandlerInterceptor {

    static final String CALLER_ATTRIBUTE = Caller.REQUEST_ATTRIBUTE;
    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator authenticator;

    AuthenticationInterceptor(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.unauthorized("An 'Authorization: Bearer <api key>' header is required");
        }
        Caller caller = authenticator
                .authenticate(header.substring(BEARER.length()).trim())
                .orElseThrow(() -> ProblemException.unauthorized("The API key is not valid"));
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return true;
    }
}
