package com.clientnest.gateway.auth;

import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.quota.QuotaAdmission;
import com.clientnest.schemas.events.Tier;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Creates users and manages them. The cost service keeps its own record of each user's tier, so a user is
 * registered there before being created here, and a tier change is told to it inside the transaction that makes
 * it: if the cost service cannot take it, nothing changes.
 */
@Service
class UserService {

    static final String DEV_USER_ID = "dev";

    private final UserRepository users;
    private final ApiKeys apiKeys;
    private final QuotaAdmission quota;
    private final TransactionOperations transactions;
    private final Clock clock;

    UserService(
            UserRepository users,
            ApiKeys apiKeys,
            QuotaAdmission quota,
            TransactionOperations transactions,
            Clock clock) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.quota = quota;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The new user with its API key, which exists only in this answer. */
    CreatedUser create(String name, Tier tier) {
        return create(name, tier, Role.USER);
    }

    /** As {@link #create(String, Tier)} with one role; an ops user submits nothing, so has no quota to register. */
    CreatedUser create(String name, Tier tier, Role role) {
        User user = new User(UUID.randomUUID().toString(), name, tier, Set.of(role), clock.instant());
        if (role == Role.USER) {
            quota.register(user.id(), tier);
        }
        String apiKey = apiKeys.generate();
        users.insert(user, ApiKeys.hash(apiKey));
        return new CreatedUser(user.id(), user.name(), UserRepository.tierName(tier), apiKey);
    }

    /** Makes sure the professional-tier development user {@code dev} exists and answers to the given key. */
    void ensureDevUser(String apiKey) {
        User dev = new User(DEV_USER_ID, DEV_USER_ID, Tier.PROFESSIONAL, Set.of(Role.USER), clock.instant());
        users.upsertKey(dev, ApiKeys.hash(apiKey));
    }

    /** The user as they now are; the new tier's limits apply to their next request. */
    UserView changeTier(String userId, Tier tier) {
        return transactions.execute(status -> {
            User user = existing(userId);
            users.updateTier(userId, tier);
            quota.register(userId, tier);
            return UserView.of(user, tier, user.disabled());
        });
    }

    /** A new key for the user, shown once; the old key stops working when this returns. */
    CreatedUser rotateKey(String userId) {
        return transactions.execute(status -> {
            User user = existing(userId);
            String apiKey = apiKeys.generate();
            users.updateKeyHash(userId, ApiKeys.hash(apiKey));
            return new CreatedUser(user.id(), user.name(), UserRepository.tierName(user.tier()), apiKey);
        });
    }

    /** Disables the user: their key is refused from now on. */
    UserView disable(String userId) {
        return transactions.execute(status -> {
            User user = existing(userId);
            users.disable(userId, clock.instant());
            return UserView.of(user, user.tier(), true);
        });
    }

    /** The user's tier in this gateway's records, for reading their usage. */
    Tier tierOf(String userId) {
        return transactions.execute(status -> existing(userId).tier());
    }

    private User existing(String userId) {
        return users.findById(userId).orElseThrow(() -> ProblemException.notFound("No user " + userId + " exists"));
    }

    record CreatedUser(String userId, String name, String tier, String apiKey) {}

    record UserView(String userId, String name, String tier, boolean disabled) {

        static UserView of(User user, Tier tier, boolean disabled) {
            return new UserView(user.id(), user.name(), UserRepository.tierName(tier), disabled);
        }
    }
}
