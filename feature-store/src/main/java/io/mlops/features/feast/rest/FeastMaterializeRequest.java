package io.mlops.features.feast.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Body of Feast's {@code /materialize} and {@code /materialize-incremental}.
 *
 * @param featureViews the views to materialize; all views when absent
 */
public record FeastMaterializeRequest(@JsonProperty("start_ts") Instant startTs,
                                      @JsonProperty("end_ts") Instant endTs,
                                      @JsonProperty("feature_views") List<String> featureViews) {
}
