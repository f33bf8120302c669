package io.mlops.registry.model.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.events.registry.ModelCreated;
import java.util.List;

/** A page of models; {@code nextPageToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelList(List<ModelCreated> models, String nextPageToken) {
}
