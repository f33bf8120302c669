package io.mlops.inference.predict.service;

import io.mlops.inference.model.runtime.OutputReader.Output;
import io.mlops.inference.model.runtime.OutputSemantics;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-row model answer read the registry's way: for classification one probability per
 * label, {@code score} = P(positive label) and the argmax label; for regression the value.
 *
 * @param outputs every output by name, a scalar when it holds one value
 */
record Prediction(String label, Double score, Map<String, Double> probabilities, Map<String, Object> outputs) {

    static Prediction of(OutputSemantics semantics, List<Output> outputs) {
        Map<String, Object> byName = new LinkedHashMap<>();
        float[] scored = null;
        for (Output o : outputs) {
            byName.put(o.name(), values(o.data()));
            if (o.name().equals(semantics.output())) {
                scored = o.floats();
            }
        }
        if (scored == null || scored.length == 0) {
            return new Prediction(null, null, null, byName);
        }
        if (!semantics.classification()) {
            return new Prediction(null, (double) scored[0], null, byName);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < scored.length; i++) {
            probabilities.put(semantics.label(i), (double) scored[i]);
        }
        String label = semantics.label(OutputSemantics.argmax(scored, 0, scored.length));
        return new Prediction(label, semantics.score(scored, 0, scored.length), probabilities, byName);
    }

    private static Object values(Object data) {
        int n = Array.getLength(data);
        if (n == 1) {
            return Array.get(data, 0);
        }
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(Array.get(data, i));
        }
        return list;
    }
}
