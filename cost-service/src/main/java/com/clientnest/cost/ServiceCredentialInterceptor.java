package com.clientnest.cost;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets only the suite's services call the internal API: each presents the shared service token as
 * {@code Authorization: Bearer <token>}. An interceptor, so a refusal is rendered as the same problem as every
 * other error.
 */
class ServiceCredentialInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    ServiceCredentialInterceptor(String serviceToken) {
        this.expected = serviceToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedCaller("The internal API needs 'Authorization: Bearer <service token>'");
        }
        byte[] presented = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: a timing probe learns nothing about the token.
        if (!MessageDigest.isEqual(presented, expected)) {
            throw new UnauthorizedCaller("The service token is not valid");
        }
        return true;
    }
}
