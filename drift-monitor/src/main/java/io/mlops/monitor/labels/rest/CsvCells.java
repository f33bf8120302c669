package io.mlops.monitor.labels.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * RFC 4180 cells: quoted when they hold a comma, quote or line break; quotes doubled; text that a
 * spreadsheet would run as a formula starts with an apostrophe.
 */
final class CsvCells {

    /** A plain decimal number, which a spreadsheet reads as a number, not a formula. */
    private static final Pattern NUMBER = Pattern.compile("^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$");

    private CsvCells() {
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        // Labels and categories come from clients: a cell a spreadsheet would run as a formula
        // (=, +, -, @, or a tab or carriage return first) is made text with a leading apostrophe.
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches()) {
            value = "'" + value;
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** A feature value: numbers and booleans as JSON writes them, text escaped, null and missing empty. */
    static String of(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return escape(node.isValueNode() ? node.asText() : node.toString());
    }
}
