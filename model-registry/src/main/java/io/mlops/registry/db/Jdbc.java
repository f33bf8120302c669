package io.mlops.registry.db;

import io.mlops.common.db.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Thin JDBC access for the repositories. Inside a JTA transaction the pool hands out the
 * transaction's connection, so these statements commit or roll back together with the outbox row
 * Hibernate writes. Plain SQL keeps search and the hot lookups to one round trip each.
 */
@ApplicationScoped
public class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> list(String sql, List<?> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, List<?> params, RowMapper<T> mapper) {
        List<T> rows = list(sql, params, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, List<?> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    /** Runs one statement once per parameter list, in one round trip. */
    public void batch(String sql, List<List<?>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<?> row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    /** Parameters for a statement; unlike {@code List.of} it takes nulls (bound as SQL NULL). */
    public static List<Object> args(Object... values) {
        return java.util.Arrays.asList(values);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return SqlTimes.instant(rs, column);
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** Now, at the database's microsecond precision, so a response equals what a later read returns. */
    public static Instant now() {
        Instant now = Instant.now();
        return now.minusNanos(now.getNano() % 1_000);
    }

    private static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof Instant instant) {
                ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof Timestamp ts) {
                ps.setTimestamp(i + 1, ts);
            } else if (value instanceof UUID uuid) {
                ps.setObject(i + 1, uuid);
            } else if (value instanceof Json json) {
                ps.setString(i + 1, json.text());
            } else {
                ps.setObject(i + 1, value);
            }
        }
    }

    /** A JSON text bound as a parameter; the SQL casts it with {@code ?::jsonb}. */
    public record Json(String text) {
    }
}
