package io.mlops.monitor.db;

import io.mlops.common.db.SqlTimes;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Thin JDBC for the repositories. Inside a transaction the pool hands out the transaction's
 * connection, so statements here commit together with the outbox row Hibernate writes; outside one
 * each call commits on its own. Bulk writes go through COPY, the fastest way into PostgreSQL.
 */
@ApplicationScoped
public class Db {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Text that is bound as {@code jsonb}. */
    public record Json(String text) {
    }

    private final DataSource dataSource;

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public <T> List<T> list(String sql, List<?> params, Rows<T> rows) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rows.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, List<?> params, Rows<T> rows) {
        List<T> found = list(sql, params, rows);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public int update(String sql, List<?> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** One statement per parameter list, sent in one round trip. */
    public void batch(String sql, List<List<?>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<?> row : rows) {
                bind(c, ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Streams a large result through a server-side cursor ({@code fetchSize} rows at a time) so an
     * export never holds the whole result in memory.
     */
    public void stream(String sql, List<?> params, int fetchSize, Rows<?> sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.map(rs);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** {@code COPY table (columns) FROM STDIN} in the binary format, one tuple per {@link CopyBinary}-built array. */
    public long copy(String table, String columns, Collection<byte[]> tuples) {
        String sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)";
        try (Connection c = dataSource.getConnection()) {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                in.writeToCopy(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
                for (byte[] tuple : tuples) {
                    in.writeToCopy(tuple, 0, tuple.length);
                }
                in.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
                return in.endCopy();
            } catch (SQLException | RuntimeException e) {
                cancel(in, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Ends a COPY that failed half way; the first failure is the one reported. */
    private static void cancel(CopyIn in, Exception cause) {
        try {
            if (in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Parameters that may include nulls (bound as SQL NULL). */
    public static List<Object> args(Object... values) {
        return Arrays.asList(values);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return SqlTimes.instant(rs, column);
    }

    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * A database that is down or overloaded becomes 503 UPSTREAM_UNAVAILABLE for API callers; any
     * other SQL failure is a defect and stays a server error.
     */
    public static RuntimeException failure(String sql, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
            return new PlatformException(ErrorCode.UPSTREAM_UNAVAILABLE,
                    "The database is unavailable: " + e.getMessage(), List.of(), e);
        }
        return new IllegalStateException("SQL failed (" + e.getMessage() + "): " + sql, e);
    }

    private static void bind(Connection c, PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof Instant instant) {
                ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (v instanceof UUID uuid) {
                ps.setObject(i + 1, uuid);
            } else if (v instanceof Json json) {
                ps.setObject(i + 1, json.text(), java.sql.Types.OTHER);
            } else if (v instanceof String[] texts) {
                Array array = c.createArrayOf("text", texts);
                ps.setArray(i + 1, array);
            } else if (v instanceof Integer[] ints) {
                ps.setArray(i + 1, c.createArrayOf("integer", ints));
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }
}
