package io.mlops.features.jdbc;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import java.sql.SQLException;
import java.util.List;

/** Turns a JDBC failure into what a client should see. */
public final class Sql {

    private Sql() {
    }

    /**
     * 503 UPSTREAM_UNAVAILABLE when PostgreSQL is unreachable or overloaded (connection errors,
     * pool timeouts, cancelled statements), so callers know to retry; anything else is a bug and
     * stays a server error.
     */
    public static RuntimeException failure(String what, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
            return new PlatformException(ErrorCode.UPSTREAM_UNAVAILABLE,
                    what + ": the database is unavailable (" + e.getMessage() + ")", List.of(), e);
        }
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
