package io.mlops.monitor.labels.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** RFC 4180 cells: quoted when they hold a comma, quote or line break; quotes doubled. */
final class CsvCells {

    private CsvCells() {
    }

    static String escape(String value) {
        if (value == null) {
            return "";
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
