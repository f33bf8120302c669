package io.mlops.inference.model.runtime;

import io.mlops.events.registry.Datatype;
import io.mlops.events.registry.Encoding;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.TensorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a version's {@code featureRefs} become the columns of its one {@code [-1, k]} input: each
 * numeric feature one column, each STRING feature one column per value of its one-hot encoding,
 * in {@code featureRefs} order. Built once at load time, so a request only fills an array.
 *
 * @param features in column order
 * @param width k, the number of columns
 * @param problem why this version cannot serve the predict API (its input is not feature-shaped),
 *     or null when it can
 */
public record FeatureLayout(String inputName, Datatype datatype, List<Feature> features, int width, String problem) {

    /**
     * One feature of the model.
     *
     * @param ref as in {@code featureRefs}, e.g. {@code customers@2:plan}
     * @param name the feature's own name, e.g. {@code plan}: how requests, responses and the
     *     prediction log name it
     * @param offset its first column
     * @param categories the one-hot values in column order, or null for a numeric feature
     */
    public record Feature(String ref, String name, int offset, List<String> categories, Map<String, Integer> index) {

        public boolean categorical() {
            return categories != null;
        }

        public int width() {
            return categories == null ? 1 : categories.size();
        }
    }

    public boolean usable() {
        return problem == null;
    }

    public static FeatureLayout of(ModelVersion version, ModelSignature signature) {
        List<String> refs = version.featureRefs() == null ? List.of() : version.featureRefs();
        if (refs.isEmpty()) {
            return unusable("the version declares no featureRefs");
        }
        if (signature.inputs().size() != 1) {
            return unusable("the model has " + signature.inputs().size() + " inputs, not one");
        }
        TensorSpec input = signature.inputs().get(0);
        if (input.shape().size() != 2 || (input.datatype() != Datatype.FP32 && input.datatype() != Datatype.FP64)) {
            return unusable("its input '" + input.name() + "' is " + input.datatype() + " " + input.shape()
                    + ", not a 2-D FP32 or FP64 [-1, k] tensor");
        }
        List<Feature> features = new ArrayList<>(refs.size());
        int offset = 0;
        for (String ref : refs) {
            String name = nameOf(ref);
            Encoding encoding = encodingOf(version.encodings(), ref, name);
            List<String> categories = encoding == null || encoding.oneHot() == null ? null : List.copyOf(encoding.oneHot());
            Map<String, Integer> index = null;
            if (categories != null) {
                index = new HashMap<>();
                for (int i = 0; i < categories.size(); i++) {
                    index.putIfAbsent(categories.get(i), i);
                }
            }
            Feature feature = new Feature(ref, name, offset, categories, index == null ? null : Map.copyOf(index));
            features.add(feature);
            offset += feature.width();
        }
        long k = input.shape().get(1);
        if (k >= 0 && k != offset) {
            return unusable("featureRefs and encodings make " + offset + " columns but input '" + input.name()
                    + "' has " + k);
        }
        return new FeatureLayout(input.name(), input.datatype(), List.copyOf(features), offset, null);
    }

    /** {@code view:feature} and {@code view@3:feature} both name the feature {@code feature}. */
    public static String nameOf(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon < 0 ? ref : ref.substring(colon + 1);
    }

    private static Encoding encodingOf(List<Encoding> encodings, String ref, String name) {
        if (encodings == null) {
            return null;
        }
        for (Encoding e : encodings) {
            if (ref.equals(e.feature()) || name.equals(e.feature())) {
                return e;
            }
        }
        return null;
    }

    private static FeatureLayout unusable(String problem) {
        return new FeatureLayout(null, null, List.of(), 0, problem);
    }
}
