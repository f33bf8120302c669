package io.mlops.features.jdbc;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Tells a failure worth retrying (database unreachable, deadlock) from one caused by the data. */
public final class SqlFailures {

    private static final Logger LOG = Logger.getLogger(SqlFailures.class);

    private SqlFailures() {
    }

    /**
     * True unless the failure is a PostgreSQL data or integrity error (SQLSTATE classes 21, 22,
     * 23, 42, 54): retried, those fail the same way for ever and hold their partition. Unknown
     * failures count as transient: retrying a good row is cheap, dead-lettering it is not.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return !(state.startsWith("21") || state.startsWith("22") || state.startsWith("23")
                        || state.startsWith("42") || state.startsWith("54"));
            }
        }
        return true;
    }

    /** True for a deadlock or serialization failure: the transaction may simply be run again. */
    public static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("40");
            }
        }
        return false;
    }

    /**
     * Runs {@code transaction} (a transaction of its own, safe to run again) up to {@code attempts}
     * times while it fails on a deadlock or serialization failure; any other failure, or the last
     * attempt's, is thrown.
     */
    public static <T> T retryingConflicts(int attempts, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isConcurrencyConflict(e)) {
                    throw e;
                }
                LOG.debugf("Transaction conflicted (attempt %d of %d), running it again: %s", attempt, attempts,
                        e.getMessage());
            }
        }
    }
}
