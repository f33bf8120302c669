package io.mlops.features.view.rest;

import io.mlops.features.view.service.FeatureSpec;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /feature-views}. */
public record FeatureViewRequest(String name, List<String> entities, List<FeatureSpec> features, Long ttlSeconds,
                                 String description, Map<String, String> tags) {
}
