package io.mlops.events.features;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Rows to ingest into a feature view, the streaming twin of {@code POST /feature-views/{name}/push}.
 *
 * @param rows each row maps a column (join key, {@code event_timestamp}, features) to its JSON
 *     value; a {@code null} value is kept, it means the feature has no value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeatureRows(String featureView, PushTarget to, List<Map<String, Object>> rows) {
}
