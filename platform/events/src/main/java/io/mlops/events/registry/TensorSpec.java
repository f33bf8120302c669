package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One named tensor of a {@link Signature}, in Open Inference Protocol terms.
 *
 * @param shape dimensions, {@code -1} for a dynamic one (e.g. {@code [-1, 12]})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TensorSpec(String name, Datatype datatype, List<Long> shape) {
}
