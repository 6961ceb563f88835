package com.clientnest.gateway.auth;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.schemas.events.Tier;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Finds the caller a key belongs to: the configured admin key, or a user's key by its hash. Public for the ops
 * desk's login form, which takes the same keys as the API.
 */
@Service
public class ApiKeyAuthenticator {

    static final String ADMIN_ID = "admin";

    private final UserRepository users;
    private final String adminApiKey;

    ApiKeyAuthenticator(UserRepository users, GatewayProperties properties) {
        this.users = users;
        this.adminApiKey = properties.adminApiKey();
    }

    public Optional<Caller> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        if (adminApiKey != null && !adminApiKey.isBlank() && ApiKeys.sameKey(apiKey, adminApiKey)) {
            // The admin is not a user: it manages users and submits no AI requests of its own.
            return Optional.of(new Caller(ADMIN_ID, ADMIN_ID, Tier.ENTERPRISE, Set.of(Role.ADMIN)));
        }
        return users.findByKeyHash(ApiKeys.hash(apiKey)).map(user -> {
            if (user.disabled()) {
                throw ProblemException.forbidden("This user is disabled");
            }
            return user.asCaller();
        });
    }
}
