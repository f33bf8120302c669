package io.mlops.features.featureservice.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A named set of features, typically the inputs of one model (Feast's feature service).
 *
 * @param features pinned references ({@code view@N:feature}), in the order given
 */
public record FeatureServiceDefinition(String name, List<String> features, String description,
                                       Map<String, String> tags, Instant createdAt, String createdBy,
                                       Instant updatedAt, String updatedBy) {
}
