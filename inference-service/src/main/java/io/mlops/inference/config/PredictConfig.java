package io.mlops.inference.config;

import io.mlops.inference.predict.service.MissingFeaturePolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The feature-joined predict API. */
@ConfigMapping(prefix = "mlops.inference.predict")
public interface PredictConfig {

    /**
     * What to do when the feature store has no value for a feature the model needs and the
     * request gives none: {@code fail} (422 FEATURES_MISSING naming them) or {@code impute}
     * (the reference profile's mean for a numeric feature, no category for a categorical one, as the
     * trainer encodes a missing value). A deployment may override it.
     */
    @WithDefault("fail")
    MissingFeaturePolicy missingFeatures();
}
