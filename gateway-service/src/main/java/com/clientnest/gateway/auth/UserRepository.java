package com.clientnest.gateway.auth;

import com.clientnest.schemas.events.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<User> findByKeyHash(String apiKeyHash) {
        return jdbc.sql("SELECT id, name, tier, roles, created_at, disabled_at FROM users WHERE api_key_hash = :hash")
                .param("hash", apiKeyHash)
                .query(UserRepository::map)
                .optional();
    }

    Optional<User> findById(String id) {
        return jdbc.sql("SELECT id, name, tier, roles, created_at, disabled_at FROM users WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    void updateTier(String id, Tier tier) {
        jdbc.sql("UPDATE users SET tier = :tier WHERE id = :id")
                .param("tier", tierName(tier))
                .param("id", id)
                .update();
    }

    /** Replaces the key: the old one stops authenticating as soon as this commits. */
    void updateKeyHash(String id, String apiKeyHash) {
        jdbc.sql("UPDATE users SET api_key_hash = :hash WHERE id = :id")
                .param("hash", apiKeyHash)
                .param("id", id)
                .update();
    }

    void disable(String id, Instant at) {
        jdbc.sql("UPDATE users SET disabled_at = COALESCE(disabled_at, :at) WHERE id = :id")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("id", id)
                .update();
    }

    void insert(User user, String apiKeyHash) {
        jdbc.sql("""
                        INSERT INTO users (id, name, tier, roles, api_key_hash, created_at)
                        VALUES (:id, :name, :tier, :roles, :hash, :createdAt)
                        """)
                .param("id", user.id())
                .param("name", user.name())
                .param("tier", tierName(user.tier()))
                .param("roles", rolesText(user))
                .param("hash", apiKeyHash)
                .param("createdAt", OffsetDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC))
                .update();
    }

    /**
     * Creates the user, or gives an existing user of that id the key: several instances may start at once and a
     * changed development key must replace the old one.
     */
    void upsertKey(User user, String apiKeyHash) {
        jdbc.sql("""
                        INSERT INTO users (id, name, tier, roles, api_key_hash, created_at)
                        VALUES (:id, :name, :tier, :roles, :hash, :createdAt)
                        ON CONFLICT (id) DO UPDATE SET api_key_hash = EXCLUDED.api_key_hash
                        """)
                .param("id", user.id())
                .param("name", user.name())
                .param("tier", tierName(user.tier()))
                .param("roles", rolesText(user))
                .param("hash", apiKeyHash)
                .param("createdAt", OffsetDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC))
                .update();
    }

    static String tierName(Tier tier) {
        return tier.name().toLowerCase(Locale.ROOT);
    }

    private static String rolesText(User user) {
        return user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getString("id"),
                rs.getString("name"),
                Tier.valueOf(rs.getString("tier").toUpperCase(Locale.ROOT)),
                Arrays.stream(rs.getString("roles").split(","))
                        .filter(role -> !role.isBlank())
                        .map(Role::valueOf)
                        .collect(Collectors.toUnmodifiableSet()),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("disabled_at", OffsetDateTime.class) != null);
    }
}
