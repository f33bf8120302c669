package io.mlops.cli.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain text table with left-aligned columns separated by two spaces. Cells may carry ANSI
 * colours; widths are measured on the visible text so colour does not break alignment.
 */
public final class Table {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; missing cells are empty, extra cells are an error. */
    public Table row(String... cells) {
        if (cells.length > headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size()
                    + " columns: " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            row.add(i < cells.length && cells[i] != null ? cells[i] : "");
        }
        rows.add(row);
        return this;
    }

    /** The table, one line per row after the header, each line ending in a newline, no trailing spaces. */
    public String render() {
        int[] widths = new int[headers.size()];
        measure(headers, widths);
        rows.forEach(row -> measure(row, widths));
        StringBuilder out = new StringBuilder();
        append(out, headers, widths);
        rows.forEach(row -> append(out, row, widths));
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    static int visibleLength(String text) {
        return ANSI.matcher(text).replaceAll("").length();
    }

    private static void measure(List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            widths[i] = Math.max(widths[i], visibleLength(cells.get(i)));
        }
    }

    private static void append(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - visibleLength(cell))).append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
