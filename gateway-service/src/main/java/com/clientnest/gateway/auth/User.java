package com.clientnest.gateway.auth;

import com.clientnest.schemas.events.Tier;
import java.time.Instant;
import java.util.Set;

/** A row of {@code users}; the API key itself is never stored, only its hash. */
record User(String id, String name, Tier tier, Set<Role> roles, Instant createdAt, boolean disabled) {

    User(String id, String name, Tier tier, Set<Role> roles, Instant createdAt) {
        this(id, name, tier, roles, createdAt, false);
    }

    Caller asCaller() {
        return new Caller(id, name, tier, roles);
    }
}
