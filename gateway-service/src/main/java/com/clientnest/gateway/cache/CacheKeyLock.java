package com.clientnest.gateway.cache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A transaction-scoped PostgreSQL advisory lock per cache key, held by whatever decides the fate of identical
 * requests: a submission looking for an answer or a leader, the result of a leader finishing its followers, and a
 * cancel promoting a follower. Every gateway instance shares it, so ten identical requests arriving at once find one
 * leader, and no follower attaches to a leader that is finishing. Taken before any row lock, so the holders never
 * wait for each other in a circle.
 */
@Component
public class CacheKeyLock {

    private final JdbcClient jdbc;

    CacheKeyLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the key until the current transaction ends. */
    public void lock(String cacheKey) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A cache key is locked for the length of a transaction");
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", cacheKey)
                .query((rs, row) -> 1)
                .single();
    }
}
