package io.mlops.inference.oip.rest;

import io.mlops.events.registry.TensorSpec;
import java.util.List;
import java.util.Map;

/**
 * Open Inference Protocol model metadata, from the loaded session's real signature.
 *
 * @param versions every version of the model loaded here, as strings
 * @param parameters {@code aliases}: alias to the version it serves here
 */
public record ModelMetadata(String name, List<String> versions, String platform, List<TensorSpec> inputs,
                            List<TensorSpec> outputs, Map<String, Object> parameters) {
}
