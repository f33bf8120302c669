package io.mlops.inference.predict.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.inference.features.service.FeatureValue;
import io.mlops.inference.model.runtime.FeatureLayout;
import io.mlops.inference.model.runtime.Imputation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the value of each feature a version needs: the request's override first, then the
 * feature store's value if PRESENT, then (under the impute policy) a stand-in: the reference
 * profile's mean for a number, no category for a categorical feature. What is still missing fails
 * the request with 422 FEATURES_MISSING naming every such feature.
 */
final class FeatureResolver {

    private FeatureResolver() {
    }

    /**
     * The value the request gives the feature, by name or else by full reference; null when none
     * (a null override is no override). The lookup leaves out exactly the features this answers.
     */
    static Object override(Map<String, Object> overrides, FeatureLayout.Feature f) {
        Object byName = overrides.get(f.name());
        return byName != null ? byName : overrides.get(f.ref());
    }

    static ResolvedRow resolve(FeatureLayout layout, Map<String, Object> overrides, Map<String, FeatureValue> fetched,
                               MissingFeaturePolicy policy, Imputation imputation, String model) {
        Map<String, Object> features = new LinkedHashMap<>();
        Map<String, Instant> timestamps = new LinkedHashMap<>();
        List<String> imputed = null;
        List<FieldError> missing = null;
        for (FeatureLayout.Feature f : layout.features()) {
            Object override = override(overrides, f);
            if (override != null) {
                features.put(f.name(), override);
                continue;
            }
            FeatureValue value = fetched.get(f.ref());
            if (value != null && value.present()) {
                features.put(f.name(), value.value());
                if (value.eventTime() != null) {
                    timestamps.put(f.name(), value.eventTime());
                }
                continue;
            }
            if (policy == MissingFeaturePolicy.IMPUTE && (f.categorical() || imputation.valueFor(f.name(), f.ref()) != null)) {
                // A category stays null, which encodes as no category (all its columns 0): what the
                // training pipeline feeds a model for a missing category, and what an unknown one
                // encodes as. A number takes its training mean, as training does.
                features.put(f.name(), f.categorical() ? null : imputation.valueFor(f.name(), f.ref()));
                imputed = imputed == null ? new ArrayList<>() : imputed;
                imputed.add(f.name());
                continue;
            }
            missing = missing == null ? new ArrayList<>() : missing;
            String status = value == null ? "not fetched" : value.status();
            missing.add(new FieldError("features." + f.name(), "no value (" + status + " for " + f.ref()
                    + ") and none in the request" + (policy == MissingFeaturePolicy.IMPUTE
                    ? "; the reference profile has none to impute" : "")));
        }
        if (missing != null) {
            throw new PlatformException(ErrorCode.FEATURES_MISSING, missing.size() + " feature(s) of model '" + model
                    + "' have no value: " + missing.stream().map(e -> e.field().substring("features.".length())).toList()
                    + "; send them in \"features\" or fix the online store", missing);
        }
        return new ResolvedRow(features, timestamps, imputed == null ? List.of() : imputed);
    }
}
