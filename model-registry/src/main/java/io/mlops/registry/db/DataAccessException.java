package io.mlops.registry.db;

import java.sql.SQLException;

/** A database failure the caller did not expect; it surfaces as a 500 and is logged with its SQL state. */
public class DataAccessException extends RuntimeException {

    private final String sqlState;

    public DataAccessException(String sql, SQLException cause) {
        super("SQL failed (" + cause.getSQLState() + "): " + cause.getMessage() + " in: " + abbreviate(sql), cause);
        this.sqlState = cause.getSQLState();
    }

    /** PostgreSQL's SQLSTATE, e.g. {@code 23505} for a unique violation. */
    public String sqlState() {
        return sqlState;
    }

    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }

    public boolean isForeignKeyViolation() {
        return "23503".equals(sqlState);
    }

    private static String abbreviate(String sql) {
        return sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
    }
}
