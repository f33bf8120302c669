package io.mlops.ml.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the Attribute-Relation File Format (ARFF): {@code @attribute} declarations (numeric or a
 * nominal {@code {...}} set) followed by comma-separated {@code @data} rows, where values may be
 * single-quoted and {@code ?} means missing. Sparse ARFF and dates are not supported.
 */
public final class ArffReader {

    private ArffReader() {
    }

    public static Table read(String name, byte[] bytes) {
        List<Column> columns = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        boolean inData = false;
        int lineNumber = 0;
        try (BufferedReader lines = new BufferedReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("%")) {
                    continue;
                }
                String lower = trimmed.toLowerCase(Locale.ROOT);
                if (inData) {
                    rows.add(parseRow(trimmed, columns, lineNumber));
                } else if (lower.startsWith("@attribute")) {
                    columns.add(parseAttribute(trimmed.substring("@attribute".length()).strip(), lineNumber));
                } else if (lower.startsWith("@data")) {
                    inData = true;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read an in-memory string", e);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(name + " declares no @attribute");
        }
        return new Table(name, columns, rows, Digests.sha256(bytes));
    }

    private static Column parseAttribute(String declaration, int line) {
        List<String> nameAndRest = QuotedValues.splitFirst(declaration);
        String columnName = nameAndRest.get(0);
        String type = nameAndRest.get(1).strip();
        if (type.startsWith("{")) {
            if (!type.endsWith("}")) {
                throw new IllegalArgumentException("line " + line + ": unterminated nominal set for " + columnName);
            }
            return Column.categorical(columnName, QuotedValues.split(type.substring(1, type.length() - 1), line));
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.equals("real") || lower.equals("numeric") || lower.equals("integer")) {
            return Column.numeric(columnName);
        }
        if (lower.equals("string")) {
            return Column.categorical(columnName, List.of());
        }
        throw new IllegalArgumentException("line " + line + ": unsupported attribute type '" + type + "' of " + columnName);
    }

    private static Object[] parseRow(String line, List<Column> columns, int lineNumber) {
        List<String> values = QuotedValues.split(line, lineNumber);
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + values.size()
                    + " values for " + columns.size() + " attributes");
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            String raw = values.get(i);
            Column column = columns.get(i);
            if (raw.equals("?")) {
                row[i] = null;
            } else if (column.isNumeric()) {
                try {
                    row[i] = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + lineNumber + ": '" + raw
                            + "' is not a number for " + column.name(), e);
                }
            } else {
                if (!column.categories().isEmpty() && !column.categories().contains(raw)) {
                    throw new IllegalArgumentException("line " + lineNumber + ": '" + raw
                            + "' is not a declared category of " + column.name());
                }
                row[i] = raw;
            }
        }
        return row;
    }
}
