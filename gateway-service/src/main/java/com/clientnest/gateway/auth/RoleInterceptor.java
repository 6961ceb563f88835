package com.clientnest.gateway.auth;

import com.clientnest.gateway.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.servlet.HandlerInterceptor;

/** Lets through only callers with one role; registered after {@link AuthenticationInterceptor} for a path. */
class RoleInterceptor implements HandlerInterceptor {

    private final Role required;

    RoleInterceptor(Role required) {
        this.required = required;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = (Caller) request.getAttribute(AuthenticationInterceptor.CALLER_ATTRIBUTE);
        if (caller == null || !caller.hasRole(required)) {
            throw ProblemException.forbidden(
                    "This operation needs the " + required.name().toLowerCase(Locale.ROOT) + " role");
        }
        return true;
    }
}
