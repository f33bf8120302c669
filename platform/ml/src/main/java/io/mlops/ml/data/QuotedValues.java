package io.mlops.ml.data;

import java.util.ArrayList;
import java.util.List;

/** Splits ARFF value lists: comma-separated, optionally single- or double-quoted, backslash escapes. */
final class QuotedValues {

    private QuotedValues() {
    }

    static List<String> split(String text, int line) {
        List<String> values = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i <= n) {
            i = skipSpaces(text, i);
            StringBuilder value = new StringBuilder();
            if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
                char quote = text.charAt(i++);
                while (i < n && text.charAt(i) != quote) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
                if (i >= n) {
                    throw new IllegalArgumentException("line " + line + ": unterminated quote");
                }
                i = skipSpaces(text, i + 1);
            } else {
                int start = i;
                while (i < n && text.charAt(i) != ',') {
                    i++;
                }
                value.append(text, start, i);
            }
            values.add(value.toString().strip());
            if (i < n && text.charAt(i) != ',') {
                throw new IllegalArgumentException("line " + line + ": expected ',' at column " + (i + 1));
            }
            i++;
        }
        return values;
    }

    /** The first token (a possibly quoted name) and the rest of the line. */
    static List<String> splitFirst(String text) {
        if (text.startsWith("'") || text.startsWith("\"")) {
            int end = text.indexOf(text.charAt(0), 1);
            return List.of(text.substring(1, end), text.substring(end + 1));
        }
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        return List.of(text.substring(0, space), text.substring(space));
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
