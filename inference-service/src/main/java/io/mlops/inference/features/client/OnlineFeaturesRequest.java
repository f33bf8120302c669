package io.mlops.inference.features.client;

import java.util.List;
import java.util.Map;

/** Body of the feature store's {@code POST /api/v1/online-features} (Feast's shape). */
public record OnlineFeaturesRequest(List<String> features, Map<String, List<Object>> entities, boolean fullFeatureNames) {
}
