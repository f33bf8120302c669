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
