package io.mlops.features.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which database failures a retry can cure: the stream ingester rewinds on those and dead-letters the rest. */
class SqlFailuresTest {

    @Test
    void failuresCausedByTheDataAreNotTransient() {
        // 21000: one upsert touching a row twice (two keys that the database stores as one).
        for (String state : new String[] {"21000", "22P02", "23505", "42703", "54000"}) {
            assertFalse(SqlFailures.isTransient(new RuntimeException(new SQLException("x", state))), state);
        }
    }

    @Test
    void anUnreachableOrBusyDatabaseIsTransient() {
        for (String state : new String[] {"08006", "40P01", "53300", "57P01"}) {
            assertTrue(SqlFailures.isTransient(new SQLException("x", state)), state);
        }
        assertTrue(SqlFailures.isTransient(new IllegalStateException("no SQLSTATE at all")));
        assertTrue(SqlFailures.isConcurrencyConflict(new SQLException("deadlock", "40P01")));
    }
}
