package io.mlops.events.features;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Online values of a feature view changed (sent after commit); every replica drops these keys from
 * its read cache.
 *
 * @param keys the join-key values: JSON numbers for INT64 keys (read back as {@link Long}), strings
 *     for STRING keys
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OnlineUpdated(String featureView, List<Object> keys) {
}
