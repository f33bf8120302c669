package io.mlops.features.feast.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of Feast's {@code /materialize} and {@code /materialize-incremental}. Times are text, as
 * Feast's server takes them: RFC 3339, or without an offset (UTC), or a bare date.
 *
 * @param featureViews the views to materialize; all views when absent
 */
public record FeastMaterializeRequest(@JsonProperty("start_ts") String startTs,
                                      @JsonProperty("end_ts") String endTs,
                                      @JsonProperty("feature_views") List<String> featureViews) {
}
