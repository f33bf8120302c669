package io.mlops.cli.autopilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Digests;
import io.mlops.ml.data.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The retraining table: the original training set followed by the labelled live predictions, in
 * the original's columns, each distinct row once. Only the champion arm's row of each request is used (a shadow's row has
 * the same features and label) and only rows whose label is one the model knows.
 */
public final class RetrainingSet {

    private RetrainingSet() {
    }

    public static List<LabelledRow> usable(List<LabelledRow> rows, List<String> labels) {
        return rows.stream()
                .filter(r -> "champion".equals(r.arm()) && r.features() != null && labels.contains(r.label()))
                .toList();
    }

    /**
     * A live row identical to one already in the table (features and label: the same applicant
     * asked about again, or sent as it was trained on) is left out. Kept, its copies would land on
     * both sides of the train/test split, and the held-out metrics, which become the new version's
     * performance limits and its promotion gate, would score rows the model was trained on.
     */
    public static Table of(String name, Table original, String labelColumn, List<LabelledRow> live) {
        int label = original.indexOf(labelColumn);
        List<Object[]> rows = new ArrayList<>(original.rows());
        Set<List<Object>> seen = new HashSet<>();
        original.rows().forEach(row -> seen.add(Arrays.asList(row)));
        List<LabelledRow> kept = new ArrayList<>(live.size());
        for (LabelledRow r : live) {
            Object[] row = new Object[original.columns().size()];
            for (int c = 0; c < row.length; c++) {
                Column column = original.columns().get(c);
                row[c] = c == label ? r.label() : value(column, r.features().path(column.name()));
            }
            if (seen.add(Arrays.asList(row))) {
                rows.add(row);
                kept.add(r);
            }
        }
        return new Table(name, original.columns(), rows, digest(original, kept));
    }

    /** Identifies the exact rows: the original's digest and every live row's id, label and features. */
    static String digest(Table original, List<LabelledRow> live) {
        StringBuilder content = new StringBuilder(original.digest()).append('\n');
        try {
            for (LabelledRow r : live) {
                content.append(r.predictionId()).append('\t').append(r.label()).append('\t')
                        .append(EventJson.mapper().writeValueAsString(r.features())).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Digests.sha256(content.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Object value(Column column, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (column.isNumeric()) {
            return value.isNumber() ? value.asDouble() : parse(value.asText());
        }
        return value.asText();
    }

    private static Double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
