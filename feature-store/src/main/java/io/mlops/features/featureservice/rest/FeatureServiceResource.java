package io.mlops.features.featureservice.rest;

import io.mlops.common.web.CurrentActor;
import io.mlops.common.web.StrictJson;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.featureservice.service.FeatureServiceDefinition;
import io.mlops.features.featureservice.service.FeatureServiceRegistry.ApplyResult;
import io.mlops.features.featureservice.service.FeatureServiceRegistry;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@CustomDeserialization(StrictJson.class)
@Path("/api/v1/feature-services")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feature services")
public class FeatureServiceResource {

    private final FeatureServiceRegistry registry;
    private final CurrentActor actor;

    public FeatureServiceResource(FeatureServiceRegistry registry, CurrentActor actor) {
        this.registry = registry;
        this.actor = actor;
    }

    @POST
    @Operation(summary = "Apply a feature service",
            description = "References are validated (422 UNKNOWN_FEATURE) and stored pinned to the views' current"
                    + " versions. 201 when created, 200 when unchanged or updated.")
    public Response apply(FeatureServiceRequest request) {
        if (request == null) {
            throw FeatureErrors.validation("$", "A JSON body is required");
        }
        ApplyResult result = registry.apply(request.name(), request.features(), request.description(),
                request.tags(), actor.name());
        if (result.created()) {
            return Response.created(URI.create("/api/v1/feature-services/" + request.name()))
                    .entity(result.definition()).build();
        }
        return Response.ok(result.definition()).build();
    }

    @GET
    @Operation(summary = "List feature services")
    public List<FeatureServiceDefinition> list() {
        return registry.list();
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a feature service (its views and data stay)")
    public Response delete(@PathParam("name") String name) {
        registry.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Show a feature service")
    public FeatureServiceDefinition get(@PathParam("name") String name) {
        return registry.get(name);
    }
}
