package com.clientnest.cost.account;

import com.clientnest.schemas.events.Tier;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code quota_accounts} table: the tier each known user's limits come from. */
@Repository
public class Accounts {

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Tier> tierOf(String userId) {
        return jdbc.sql("SELECT tier FROM quota_accounts WHERE user_id = :userId")
                .param("userId", userId)
                .query((rs, row) -> Tier.valueOf(rs.getString("tier")))
                .optional();
    }

    /** The tiers of those of the users who have an account here. */
    public Map<String, Tier> tiersOf(Collection<String> userIds) {
        Map<String, Tier> tiers = new HashMap<>();
        jdbc.sql("SELECT user_id, tier FROM quota_accounts WHERE user_id = ANY(:userIds)")
                .param("userIds", userIds.toArray(String[]::new))
                .query(rs -> {
                    tiers.put(rs.getString("user_id"), Tier.valueOf(rs.getString("tier")));
                });
        return tiers;
    }

    /** Registers the user or changes their tier; the next admission applies the new limits. */
    void put(String userId, Tier tier) {
        jdbc.sql("""
                        INSERT INTO quota_accounts (user_id, tier, updated_at) VALUES (:userId, :tier, now())
                        ON CONFLICT (user_id) DO UPDATE SET tier = EXCLUDED.tier, updated_at = now()
                        """).param("userId", userId).param("tier", tier.name()).update();
    }
}
