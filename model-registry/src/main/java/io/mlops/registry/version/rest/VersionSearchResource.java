package io.mlops.registry.version.rest;

import io.mlops.registry.search.Page;
import io.mlops.registry.version.service.VersionService;
import io.mlops.registry.web.RawJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /api/v1/model-versions}: search versions across every model. */
@Path("/api/v1/model-versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model versions")
public class VersionSearchResource {

    private final VersionService versions;

    public VersionSearchResource(VersionService versions) {
        this.versions = versions;
    }

    @GET
    @Operation(summary = "Search versions: name = 'x' AND tags.team = 'y' AND metrics.auc > 0.8 AND status = 'READY'")
    public VersionList search(@RestQuery String filter, @RestQuery String orderBy, @RestQuery Integer pageSize,
                              @RestQuery String pageToken) {
        Page<RawJson> page = versions.search(null, filter, orderBy, pageSize, pageToken);
        return new VersionList(page.items(), page.nextPageToken());
    }
}
