package io.mlops.registry.version.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.events.registry.ModelVersion;
import io.mlops.registry.web.RawJson;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of versions, each the version JSON as rendered once; {@code nextPageToken} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionList(@Schema(type = SchemaType.ARRAY, implementation = ModelVersion.class) List<RawJson> modelVersions,
                          String nextPageToken) {
}
