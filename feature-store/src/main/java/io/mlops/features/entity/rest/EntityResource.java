package io.mlops.features.entity.rest;

import io.mlops.common.web.CurrentActor;
import io.mlops.common.web.StrictJson;
import io.mlops.features.entity.service.Entity;
import io.mlops.features.entity.service.EntityService;
import io.mlops.features.error.FeatureErrors;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
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
@Path("/api/v1/entities")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entities")
public class EntityResource {

    private final EntityService service;
    private final CurrentActor actor;

    public EntityResource(EntityService service, CurrentActor actor) {
        this.service = service;
        this.actor = actor;
    }

    @POST
    @Operation(summary = "Register an entity", description = "409 CONFLICT if the name exists.")
    public Response create(EntityRequest request) {
        if (request == null) {
            throw FeatureErrors.validation("$", "A JSON body is required");
        }
        Entity created = service.create(request.name(), request.joinKey(), request.valueType(),
                request.description(), request.tags(), actor.name());
        return Response.created(URI.create("/api/v1/entities/" + created.name())).entity(created).build();
    }

    @GET
    @Operation(summary = "List entities")
    public List<Entity> list() {
        return service.list();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Show an entity")
    public Entity get(@PathParam("name") String name) {
        return service.get(name);
    }
}
