package io.mlops.registry.version.service;

import io.mlops.events.registry.Encoding;
import io.mlops.events.registry.Task;
import io.mlops.registry.config.Limits;
import io.mlops.registry.validation.Violations;
import io.mlops.registry.version.profile.ReferenceProfileRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a version's metadata must keep on its own, before the artifact is looked at: what the
 * inference service needs to turn features into the model's input and its output into a score.
 */
@ApplicationScoped
public class MetadataRules {

    /** {@code view:feature} or {@code view@3:feature} (API.md "Names and types"). */
    static final Pattern FEATURE_REF = Pattern.compile("^[a-z][a-z0-9_-]{0,62}(@[1-9][0-9]{0,8})?:[A-Za-z_][A-Za-z0-9_.-]{0,127}$");

    private final Limits limits;
    private final ReferenceProfileRules profileRules;

    public MetadataRules(Limits limits, ReferenceProfileRules profileRules) {
        this.limits = limits;
        this.profileRules = profileRules;
    }

    public void check(UploadMetadata m) {
        Violations v = new Violations();
        var f = limits.fields();
        v.text("description", m.description(), f.maxDescriptionLength());
        v.stringMap("tags", m.tags(), f.maxTags(), f.maxTagKeyLength(), f.maxTagValueLength());
        v.stringMap("params", m.params(), f.maxParams(), f.maxTagKeyLength(), f.maxParamValueLength());
        m.metrics().forEach((key, value) -> {
            if (value == null || value.isNaN() || value.isInfinite()) {
                v.add("metrics." + key, "must be a finite number");
            }
        });
        if (m.metrics().size() > f.maxParams()) {
            v.add("metrics", "has " + m.metrics().size() + " entries; the limit is " + f.maxParams());
        }
        v.noNul("metrics", m.metrics());
        v.noNul("labels", m.labels());
        v.noNul("positiveLabel", m.positiveLabel());
        if (m.encodings() != null) {
            for (int i = 0; i < m.encodings().size(); i++) {
                if (m.encodings().get(i) != null) {
                    v.noNul("encodings[" + i + "].oneHot", m.encodings().get(i).oneHot());
                }
            }
        }
        if (m.referenceProfile() != null) {
            v.noNul("referenceProfile", m.referenceProfile());
        }
        checkTask(m, v);
        checkFeatures(m, v);
        if (m.trainingData() != null) {
            var td = m.trainingData();
            v.name("trainingData.name", td.name());
            if (td.version() == null && td.digest() == null) {
                v.add("trainingData", "needs a version or a digest of a registered dataset version");
            }
        }
        if (m.referenceProfile() != null && !m.referenceProfile().isNull()) {
            profileRules.check(m.referenceProfile(), "referenceProfile", v);
        }
        v.throwIfAny();
    }

    private static void checkTask(UploadMetadata m, Violations v) {
        if (m.task() == null) {
            v.add("task", "is required: BINARY_CLASSIFICATION, MULTICLASS or REGRESSION");
            return;
        }
        List<String> labels = m.labels();
        if (m.task() == Task.REGRESSION) {
            if (!labels.isEmpty()) {
                v.add("labels", "must be empty for REGRESSION");
            }
            if (m.positiveLabel() != null) {
                v.add("positiveLabel", "must be absent for REGRESSION");
            }
            return;
        }
        if (labels.size() < 2) {
            v.add("labels", "needs at least two labels for " + m.task() + ", in the order of the model's probability output");
        }
        if (m.task() == Task.BINARY_CLASSIFICATION && labels.size() > 2) {
            v.add("labels", "has " + labels.size() + " labels; BINARY_CLASSIFICATION has exactly two");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isEmpty()) {
                v.add("labels[" + i + "]", "must be a non-empty string");
            } else if (!seen.add(label)) {
                v.add("labels[" + i + "]", "repeats '" + label + "'");
            }
        }
        if (m.positiveLabel() == null && m.task() == Task.BINARY_CLASSIFICATION) {
            v.add("positiveLabel", "is required for BINARY_CLASSIFICATION: the label whose probability is the score");
        } else if (m.positiveLabel() != null && !labels.contains(m.positiveLabel())) {
            v.add("positiveLabel", "'" + m.positiveLabel() + "' is not one of labels " + labels);
        }
    }

    private static void checkFeatures(UploadMetadata m, Violations v) {
        Set<String> refs = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < m.featureRefs().size(); i++) {
            String ref = m.featureRefs().get(i);
            if (ref == null || !FEATURE_REF.matcher(ref).matches()) {
                v.add("featureRefs[" + i + "]", "'" + ref + "' is not view:feature or view@version:feature");
            } else if (!refs.add(ref)) {
                v.add("featureRefs[" + i + "]", "repeats '" + ref + "'");
            } else if (!names.add(featureName(ref))) {
                // Profiles, encodings and prediction events name features without their view.
                v.add("featureRefs[" + i + "]", "repeats the feature name '" + featureName(ref) + "'");
            }
        }
        Set<String> encoded = new HashSet<>();
        for (int i = 0; i < m.encodings().size(); i++) {
            Encoding e = m.encodings().get(i);
            String path = "encodings[" + i + "]";
            if (e == null || e.feature() == null) {
                v.add(path + ".feature", "is required");
                continue;
            }
            String ref = refOf(m, e.feature());
            if (ref == null) {
                v.add(path + ".feature", "'" + e.feature() + "' is not in featureRefs");
            } else if (!encoded.add(ref)) {
                v.add(path + ".feature", "'" + e.feature() + "' has more than one encoding");
            }
            if (e.oneHot() == null || e.oneHot().isEmpty()) {
                v.add(path + ".oneHot", "needs at least one value");
            } else if (new HashSet<>(e.oneHot()).size() != e.oneHot().size() || e.oneHot().contains(null)) {
                v.add(path + ".oneHot", "must hold distinct, non-null values");
            }
        }
    }

    /** The feature name of a reference: {@code plan} for {@code customers@2:plan}. */
    static String featureName(String ref) {
        return ref.substring(ref.indexOf(':') + 1);
    }

    /** The reference an encoding names, by the full reference or by the plain feature name. */
    private static String refOf(UploadMetadata m, String feature) {
        for (String ref : m.featureRefs()) {
            if (ref != null && (ref.equals(feature) || featureName(ref).equals(feature))) {
                return ref;
            }
        }
        return null;
    }

    /** Model input columns the feature list expands to: one per numeric feature, one per one-hot value. */
    static long columns(UploadMetadata m) {
        long columns = 0;
        for (String ref : m.featureRefs()) {
            columns += m.encodings().stream()
                    .filter(e -> ref.equals(e.feature()) || featureName(ref).equals(e.feature())).findFirst()
                    .map(e -> (long) e.oneHot().size()).orElse(1L);
        }
        return columns;
    }
}
