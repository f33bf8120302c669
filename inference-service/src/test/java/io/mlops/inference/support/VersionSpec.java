package io.mlops.inference.support;

import io.mlops.events.registry.Encoding;
import io.mlops.events.registry.Task;
import java.util.List;

/**
 * What a test registers about a version besides its artifact, as the trainer would.
 *
 * @param profileJson the reference profile document, or null for none
 */
public record VersionSpec(Task task, List<String> labels, String positiveLabel, List<String> featureRefs,
                          List<Encoding> encodings, String profileJson) {

    /** A binary classifier over {@code k} numeric features {@code view:f0..f(k-1)}, labels no/yes. */
    public static VersionSpec binary(int k) {
        List<String> refs = java.util.stream.IntStream.range(0, k).mapToObj(i -> "customers:f" + i).toList();
        return new VersionSpec(Task.BINARY_CLASSIFICATION, List.of("no", "yes"), "yes", refs, List.of(), null);
    }

    /** No feature metadata: the version serves tensors only. */
    public static VersionSpec tensorsOnly() {
        return new VersionSpec(Task.REGRESSION, List.of(), null, List.of(), List.of(), null);
    }

    public VersionSpec withFeatures(List<String> featureRefs, List<Encoding> encodings) {
        return new VersionSpec(task, labels, positiveLabel, featureRefs, encodings, profileJson);
    }

    public VersionSpec withProfile(String profile) {
        return new VersionSpec(task, labels, positiveLabel, featureRefs, encodings, profile);
    }
}
