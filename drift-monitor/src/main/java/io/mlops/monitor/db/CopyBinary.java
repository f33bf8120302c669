package io.mlops.monitor.db;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds one tuple of PostgreSQL's binary COPY format: a field count, then per field its length
 * ({@code -1} for NULL) and its value in the type's binary send format. PostgreSQL parses this
 * several times faster than the text format (no hex for bytea, no text for numbers and times), and
 * building it costs no number formatting here. Text is sent as UTF-8, the platform's database encoding.
 */
public final class CopyBinary {

    /** The file header: signature, flags, header extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The file trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final GrowableBytes out;

    /** Starts a tuple of {@code fields} columns. */
    public CopyBinary(int fields, int expectedBytes) {
        out = new GrowableBytes(expectedBytes);
        out.putShort(fields);
    }

    public CopyBinary text(String value) {
        if (value == null) {
            return nul();
        }
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code bytea}, or text already encoded as UTF-8. */
    public CopyBinary bytes(byte[] value) {
        if (value == null) {
            return nul();
        }
        out.putInt(value.length);
        out.put(value);
        return this;
    }

    /** {@code int4}. */
    public CopyBinary int4(int value) {
        out.putInt(4);
        out.putInt(value);
        return this;
    }

    /** {@code float8}, NULL when absent. */
    public CopyBinary float8(Double value) {
        return value == null ? nul() : eightBytes(Double.doubleToRawLongBits(value));
    }

    /**
     * {@code timestamptz}: microseconds since 2000-01-01 UTC, rounded to the nearest microsecond as
     * the JDBC driver rounds the instants it binds, so a time read back from here equals the same
     * instant written through a statement. Callers keep instants within PostgreSQL's range.
     */
    public CopyBinary timestamptz(Instant value) {
        return value == null ? nul() : eightBytes(value.getEpochSecond() * 1_000_000L
                + (value.getNano() + 500) / 1_000 - POSTGRES_EPOCH_MICROS);
    }

    public byte[] toBytes() {
        return out.toArray();
    }

    private CopyBinary eightBytes(long value) {
        out.putInt(8);
        out.putLong(value);
        return this;
    }

    private CopyBinary nul() {
        out.putInt(-1);
        return this;
    }
}
