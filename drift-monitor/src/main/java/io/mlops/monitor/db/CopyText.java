package io.mlops.monitor.db;

import java.time.Instant;

/** Builds rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for NULL, backslash escapes. */
public final class CopyText {

    private final StringBuilder out = new StringBuilder(4096);
    private boolean rowStarted;

    public CopyText text(String value) {
        separator();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return this;
    }

    public CopyText number(Number value) {
        separator();
        out.append(value == null ? "\\N" : value.toString());
        return this;
    }

    /** bytea in its hex input form, with the backslash escaped as the COPY text format requires. */
    public CopyText bytes(byte[] value) {
        separator();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        char[] hex = new char[3 + value.length * 2];
        hex[0] = '\\';
        hex[1] = '\\';
        hex[2] = 'x';
        for (int i = 0; i < value.length; i++) {
            hex[3 + 2 * i] = HEX[(value[i] >> 4) & 0xF];
            hex[4 + 2 * i] = HEX[value[i] & 0xF];
        }
        out.append(hex);
        return this;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public CopyText time(Instant value) {
        return text(value == null ? null : value.toString());
    }

    public CopyText endRow() {
        out.append('\n');
        rowStarted = false;
        return this;
    }

    public boolean isEmpty() {
        return out.length() == 0;
    }

    public CharSequence content() {
        return out;
    }

    private void separator() {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
    }
}
