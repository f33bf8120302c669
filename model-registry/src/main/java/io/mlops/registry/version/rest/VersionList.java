package io.mlops.registry.version.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.events.registry.ModelVersion;
import java.util.List;

/** A page of versions; {@code nextPageToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionList(List<ModelVersion> modelVersions, String nextPageToken) {
}
