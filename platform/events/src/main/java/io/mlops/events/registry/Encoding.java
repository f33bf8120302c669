package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a STRING feature becomes model columns: one column per {@code oneHot} value, in order; a
 * value not in the list sets all of them to zero.
 *
 * @param feature the feature reference as written in {@code featureRefs}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Encoding(String feature, List<String> oneHot) {
}
