package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The tensors a model takes and returns, as ONNX Runtime reads them from the artifact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Signature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
}
