package com.clientnest.schemas.kafka;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What a consumer does with a record whose processing threw: wait and try again, or dead-letter it. The codes are
 * the {@code clientnest.dlt.reason-code} header of the dead letter, a public vocabulary like
 * {@link com.clientnest.schemas.topics.DeadLetterReason}: never renamed or reused.
 */
public enum ConsumerFailure {
    /** The database or the broker is away: the same record will succeed later, so it is retried without limit. */
    TRANSIENT("transient"),
    /** The bytes are no event of the topic's schemas. */
    UNDECODABLE("undecodable"),
    /** The database refused the event's data for good (an integrity rule, a NUL in text or jsonb, ...). */
    REJECTED_BY_DATABASE("rejected_by_database"),
    /** Any other failure: one that no known outage explains is taken to be the record's own. */
    UNPROCESSABLE("unprocessable");

    // SQLState classes that describe the connection or the server, never the statement's data: 08 connection,
    // 40 transaction rollback (serialization, deadlock), 53 insufficient resources, 57 operator intervention.
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");

    private final String code;

    ConsumerFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean retried() {
        return this == TRANSIENT;
    }

    /**
     * Classifies a failure by its whole cause chain. An outage anywhere in the chain wins, so a failure wrapped by
     * the listener container is judged by what really happened. Everything else is dead-lettered: a record that
     * fails for a reason no outage explains would otherwise block its partition for ever.
     */
    public static ConsumerFailure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (isOutage(cause)) {
                return TRANSIENT;
            }
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof DeserializationException || cause instanceof SerializationException) {
                return UNDECODABLE;
            }
            if (cause instanceof NonTransientDataAccessException || cause instanceof SQLException) {
                return REJECTED_BY_DATABASE;
            }
        }
        return UNPROCESSABLE;
    }

    private static boolean isOutage(Throwable cause) {
        if (cause instanceof TransientDataAccessException
                || cause instanceof RecoverableDataAccessException
                // Includes CannotGetJdbcConnectionException; a NonTransientDataAccessException by type, but an
                // unreachable database is the outage this policy exists to wait out.
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof TransactionSystemException
                || cause instanceof SQLTransientException
                || cause instanceof SQLRecoverableException
                || cause instanceof RetriableException
                || cause instanceof SocketException
                || cause instanceof SocketTimeoutException) {
            return true;
        }
        if (cause instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().length() >= 2) {
            return TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2));
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
