package io.mlops.inference.predict.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The raw feature values one model version sees for one request.
 *
 * @param features by feature name, in the model's column order
 * @param timestamps event time of each value that came from the feature store
 * @param imputed names of the features filled in from the reference profile
 */
public record ResolvedRow(Map<String, Object> features, Map<String, Instant> timestamps, List<String> imputed) {
}
