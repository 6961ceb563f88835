package com.clientnest.gateway.auth;

import com.clientnest.schemas.events.Tier;
import java.util.Set;

/**
 * Who made the current API call, resolved from its bearer key. Declare it as a controller method parameter to
 * receive it; every {@code /api/**} call has one.
 */
public record Caller(String userId, String name, Tier tier, Set<Role> roles) {

    /** The request attribute that holds the authenticated caller. */
    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
