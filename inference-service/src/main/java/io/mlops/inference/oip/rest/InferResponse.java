package io.mlops.inference.oip.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol inference response. {@code parameters} carries what an OIP client
 * may ignore but feedback needs: {@code prediction_id}, and the {@code alias} and {@code arm} that answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferResponse(@JsonProperty("model_name") String modelName,
                            @JsonProperty("model_version") String modelVersion,
                            String id,
                            Map<String, Object> parameters,
                            List<Tensor> outputs) {

    /** One output tensor; {@code data} is a flat primitive array, written without boxing. */
    public record Tensor(String name, String datatype, long[] shape, Object data) {
    }
}
