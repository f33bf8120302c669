package io.mlops.registry.dataset.rest;

import io.mlops.common.web.StrictJson;
import io.mlops.registry.dataset.service.DatasetService;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /api/v1/datasets}: dataset versions identified by content digest. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Datasets")
public class DatasetResource {

    private final DatasetService datasets;

    public DatasetResource(DatasetService datasets) {
        this.datasets = datasets;
    }

    @POST
    @Path("/{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a dataset version; the same digest as the latest returns it (200) instead of a new one")
    public Response register(@RestPath String name, NewDatasetVersionRequest request) {
        DatasetService.Registered registered = datasets.register(name, request);
        DatasetVersionJson v = registered.version();
        if (!registered.created()) {
            return Response.ok(v).build();
        }
        return Response.created(URI.create("/api/v1/datasets/" + name + "/versions/" + v.version())).entity(v).build();
    }

    @GET
    @Operation(summary = "List datasets with their latest version")
    public Map<String, List<DatasetJson>> list() {
        return Map.of("datasets", datasets.list());
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "List a dataset's versions, newest first")
    public Map<String, List<DatasetVersionJson>> versions(@RestPath String name) {
        return Map.of("versions", datasets.versions(name));
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "Get one dataset version")
    public DatasetVersionJson version(@RestPath String name, @RestPath int version) {
        return datasets.version(name, version);
    }
}
