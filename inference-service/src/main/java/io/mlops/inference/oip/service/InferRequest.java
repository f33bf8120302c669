package io.mlops.inference.oip.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An Open Inference Protocol inference request.
 *
 * @param id the client's request id, or null; it also decides the traffic arm
 * @param outputs names of the outputs wanted, or null for all
 */
public record InferRequest(String id, JsonNode parameters, List<InferInput> inputs, List<String> outputs) {
}
