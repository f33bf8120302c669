package io.mlops.ml.profile;

import io.mlops.events.profile.CategoricalProfile;
import io.mlops.events.profile.FeatureProfile;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import io.mlops.ml.export.OnnxVerification;
import io.mlops.ml.train.TrainedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference profile of a trained model on reference rows (its training split): every raw
 * feature the model reads, the score (probability of the positive label) and the predicted label.
 */
public final class ReferenceProfiles {

    private ReferenceProfiles() {
    }

    /**
     * @param onnx the exported artifact: the score and the predicted label are what it answers, in
     *             FP32 as the inference service serves them, so that a model whose scores take few
     *             values meets the same values live (the trained model's doubles would share none)
     */
    public static ReferenceProfile of(TrainedModel trained, Table reference, byte[] onnx) {
        List<Column> features = trained.encoder().features();
        Map<String, FeatureProfile> profiles = new LinkedHashMap<>();
        long seed = trained.config().seed();
        for (int f = 0; f < features.size(); f++) {
            Column column = features.get(f);
            if (!trained.layout().featureRefs().contains(column.name())) {
                continue;
            }
            List<Object> values = new ArrayList<>(reference.size());
            for (Object[] row : reference.rows()) {
                values.add(trained.encoder().raw(row, f));
            }
            profiles.put(column.name(), column.isNumeric()
                    ? NumericProfiles.of(values.stream().map(v -> (Double) v).toList(), seed)
                    : categorical(values));
        }
        List<Double> scores = new ArrayList<>(reference.size());
        List<Object> predicted = new ArrayList<>(reference.size());
        int positive = trained.positiveIndex();
        for (float[] served : OnnxVerification.probabilities(onnx, trained, reference)) {
            double[] probabilities = new double[served.length];
            for (int l = 0; l < served.length; l++) {
                probabilities[l] = served[l];
            }
            scores.add(probabilities[positive]);
            predicted.add(trained.labels().get(argmax(probabilities)));
        }
        return new ReferenceProfile(profiles, NumericProfiles.of(scores, seed), categorical(predicted));
    }

    static CategoricalProfile categorical(List<Object> values) {
        Map<String, Long> counts = new TreeMap<>();
        long nulls = 0;
        for (Object value : values) {
            if (value == null) {
                nulls++;
            } else {
                counts.merge(value.toString(), 1L, Long::sum);
            }
        }
        return new CategoricalProfile(values.size() - nulls, nulls, counts);
    }

    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
