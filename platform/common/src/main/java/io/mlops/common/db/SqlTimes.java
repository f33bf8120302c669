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

    /** Year 1: PostgreSQL goes further back, but year 0 and before do not survive the round trip. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The end of year 9999: PostgreSQL reads further, but not the signed years past 9999 that Java writes. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private SqlTimes() {
    }

    /**
     * Whether {@code time} can be stored and read back (years 1 to 9999); null counts as storable
     * (it is SQL NULL). Check a client's time with this before binding it: one outside the range
     * makes {@link #bind} throw, which is a server error, not the client's.
     */
    public static boolean storable(Instant time) {
        return time == null || !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
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
