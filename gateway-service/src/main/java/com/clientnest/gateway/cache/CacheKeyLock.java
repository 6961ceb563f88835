package com.clientnest.gateway.cache;

import java.time.Duration;
import java.util.Collection;
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

    /**
     * Locks the keys until the current transaction ends. They are taken in the order of their lock numbers, so two
     * transactions locking several keys each cannot wait for each other in a circle (every other holder takes one
     * key only). From here on the transaction waits at most {@code maxWait} for any lock, then fails with a {@link
     * org.springframework.dao.DataAccessException} (PostgreSQL's {@code lock_not_available}): many requests wait on
     * these keys together, and one slow holder must not hold them all.
     */
    public void lockAll(Collection<String> cacheKeys, Duration maxWait) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A cache key is locked for the length of a transaction");
        }
        if (cacheKeys.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT set_config('lock_timeout', :wait, true)")
                .param("wait", maxWait.toMillis() + "ms")
                .query((rs, row) -> 1)
                .single();
        // OFFSET 0 keeps the sort below the lock calls, so they run in the sorted order.
        jdbc.sql("""
                        SELECT pg_advisory_xact_lock(lock_id) FROM (
                            SELECT DISTINCT hashtextextended(cache_key, 0) AS lock_id
                            FROM unnest(CAST(:keys AS text[])) AS cache_key
                            ORDER BY lock_id OFFSET 0) AS sorted
                        """)
                .param("keys", cacheKeys.toArray(String[]::new))
                .query((rs, row) -> 1)
                .list();
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
