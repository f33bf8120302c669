package io.mlops.ml.train;

import io.mlops.events.registry.Encoding;
import io.mlops.ml.data.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableInfo;

/**
 * The model's input columns, read from the trained model (never assumed: Tribuo orders features
 * by name, so {@code f10} comes before {@code f2}), and expressed the way the registry records
 * them: {@code featureRefs} in column order, each categorical feature expanded into consecutive
 * one-hot columns as listed in its {@link Encoding}.
 *
 * @param columnNames the model's column names in input order ({@code age}, {@code purpose=radio/tv}, ...)
 * @param featureRefs the raw feature behind each block of columns, in order
 * @param encodings one per categorical feature, its categories in column order
 * @param means what the graph subtracts from each column before the linear model
 * @param stds what the graph divides each column by after subtracting
 */
public record ColumnLayout(
        List<String> columnNames,
        List<String> featureRefs,
        List<Encoding> encodings,
        float[] means,
        float[] stds) {

    public static ColumnLayout of(ImmutableFeatureMap modelFeatures, List<Column> rawFeatures, NumericStats stats) {
        Map<String, Column> byName = new LinkedHashMap<>();
        rawFeatures.forEach(c -> byName.put(c.name(), c));
        List<String> names = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        Map<String, List<String>> oneHot = new LinkedHashMap<>();
        int k = modelFeatures.size();
        float[] means = new float[k];
        float[] stds = new float[k];
        for (int id = 0; id < k; id++) {
            VariableInfo info = modelFeatures.get(id);
            String name = info.getName();
            names.add(name);
            Column numeric = byName.get(name);
            String raw;
            if (numeric != null && numeric.isNumeric()) {
                raw = name;
                means[id] = (float) stats.mean(name);
                stds[id] = (float) stats.std(name);
            } else {
                int separator = name.indexOf(ExampleEncoder.CATEGORY_SEPARATOR);
                raw = separator < 0 ? null : name.substring(0, separator);
                if (raw == null || !byName.containsKey(raw)) {
                    throw new IllegalStateException("model column '" + name + "' maps to no raw feature");
                }
                oneHot.computeIfAbsent(raw, r -> new ArrayList<>()).add(name.substring(separator + 1));
                means[id] = 0f;
                stds[id] = 1f;
            }
            if (refs.isEmpty() || !refs.get(refs.size() - 1).equals(raw)) {
                if (refs.contains(raw)) {
                    throw new IllegalStateException("the columns of feature '" + raw
                            + "' are not consecutive in the model, so they cannot be described by featureRefs");
                }
                refs.add(raw);
            }
        }
        List<Encoding> encodings = oneHot.entrySet().stream()
                .map(e -> new Encoding(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        return new ColumnLayout(List.copyOf(names), List.copyOf(refs), encodings, means, stds);
    }

    public int width() {
        return columnNames.size();
    }

    /**
     * The model's input row for raw feature values, exactly as inference builds it: numbers as they
     * are (the graph standardises), a missing number as its training mean, categories one-hot
     * (an unknown category is all zeros).
     */
    public float[] vector(Map<String, Object> rawValues) {
        float[] vector = new float[width()];
        int column = 0;
        Map<String, Encoding> encodingByFeature = new LinkedHashMap<>();
        encodings.forEach(e -> encodingByFeature.put(e.feature(), e));
        for (String feature : featureRefs) {
            Object value = rawValues.get(feature);
            Encoding encoding = encodingByFeature.get(feature);
            if (encoding == null) {
                vector[column] = value == null ? means[column] : ((Number) value).floatValue();
                column++;
            } else {
                int hot = value == null ? -1 : encoding.oneHot().indexOf(value.toString());
                if (hot >= 0) {
                    vector[column + hot] = 1f;
                }
                column += encoding.oneHot().size();
            }
        }
        return vector;
    }
}
