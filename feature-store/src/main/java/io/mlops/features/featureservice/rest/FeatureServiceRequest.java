package io.mlops.features.featureservice.rest;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /feature-services}. */
public record FeatureServiceRequest(String name, List<String> features, String description, Map<String, String> tags) {
}
