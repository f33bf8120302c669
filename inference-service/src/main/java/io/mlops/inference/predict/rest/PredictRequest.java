package io.mlops.inference.predict.rest;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/predict/{model}}.
 *
 * @param entities join key to the entity's key, e.g. {@code {"customer_id": 1001}}
 * @param features values that replace (or stand in for) the feature store's, by feature name
 * @param requestId the caller's id: a retry with the same id lands on the same traffic arm
 */
public record PredictRequest(Map<String, Object> entities, Map<String, Object> features, String requestId) {
}
