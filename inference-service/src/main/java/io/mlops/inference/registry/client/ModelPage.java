package io.mlops.inference.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.mlops.events.registry.ModelCreated;
import java.util.List;

/** One page of the registry's {@code GET /api/v1/models}; {@code nextPageToken} is null on the last. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelPage(List<ModelCreated> models, String nextPageToken) {
}
