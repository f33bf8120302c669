package io.mlops.common.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code timestamptz} to and from {@link Instant} through {@code java.time}. The JDBC driver's
 * {@code java.sql.Timestamp} counts days in the Julian calendar before 1582 while PostgreSQL and
 * {@code Instant} use the Gregorian one throughout, so a time users chose (an event time, a
 * materialisation bound) read or bound as a {@code Timestamp} moves by days before 1582.
 */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** Binds {@code time} as {@code timestamptz}, or SQL NULL. */
    public static void bind(PreparedStatement ps, int index, Instant time) throws SQLException {
        if (time == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }
}
