package com.clientnest.gateway.auth;

import com.clientnest.schemas.events.Tier;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Creates users and their keys. */
@Service
class UserService {

    static final String DEV_USER_ID = "dev";

    private final UserRepository users;
    private final ApiKeys apiKeys;
    private final Clock clock;

    UserService(UserRepository users, ApiKeys apiKeys, Clock clock) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    /** The new user with its API key, which exists only in this answer. */
    CreatedUser create(String name, Tier tier) {
        User user = new User(UUID.randomUUID().toString(), name, tier, Set.of(Role.USER), clock.instant());
        String apiKey = apiKeys.generate();
        users.insert(user, ApiKeys.hash(apiKey));
        return new CreatedUser(user.id(), user.name(), UserRepository.tierName(tier), apiKey);
    }

    /** Makes sure the professional-tier development user {@code dev} exists and answers to the given key. */
    void ensureDevUser(String apiKey) {
        User dev = new User(DEV_USER_ID, DEV_USER_ID, Tier.PROFESSIONAL, Set.of(Role.USER), clock.instant());
        users.upsertKey(dev, ApiKeys.hash(apiKey));
    }

    record CreatedUser(String userId, String name, String tier, String apiKey) {}
}
