package com.clientnest.gateway.auth;

import com.clientnest.gateway.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets through only callers with one of the roles; registered after {@link AuthenticationInterceptor} for a path.
 */
class RoleInterceptor implements HandlerInterceptor {

    private final Set<Role> allowed;

    RoleInterceptor(Role required, Role... alternatives) {
        this.allowed = EnumSet.of(required, alternatives);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = (Caller) request.getAttribute(AuthenticationInterceptor.CALLER_ATTRIBUTE);
        if (caller == null || allowed.stream().noneMatch(caller::hasRole)) {
            throw ProblemException.forbidden("This operation needs the "
                    + allowed.stream()
                            .map(role -> role.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(" or "))
                    + " role");
        }
        return true;
    }
}
