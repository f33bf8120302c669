package io.mlops.features.offline.service;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /historical-features}: Feast's entity dataframe as rows. Columns other than
 * join keys and {@code event_timestamp} (labels, for instance) are passed through to the result.
 */
public record HistoricalRequest(List<String> features,
                                @JsonAlias("feature_service") String featureService,
                                @JsonAlias("entity_rows") List<Map<String, Object>> entityRows,
                                @JsonAlias("full_feature_names") Boolean fullFeatureNames) {
}
