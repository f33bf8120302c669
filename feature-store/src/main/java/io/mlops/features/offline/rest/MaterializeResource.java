package io.mlops.features.offline.rest;

import io.mlops.common.web.CurrentActor;
import io.mlops.features.offline.service.MaterializationService.Result;
import io.mlops.features.offline.service.MaterializationService;
import io.mlops.features.online.messaging.WriteOrigin;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feature-views/{name}/materialize")
@Tag(name = "Ingestion")
public class MaterializeResource {

    private final MaterializationService service;
    private final CurrentActor actor;

    public MaterializeResource(MaterializationService service, CurrentActor actor) {
        this.service = service;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Materialize offline rows to the online store",
            description = "{start?, end?}: the newest offline row per key with start <= event_timestamp <= end goes"
                    + " online unless the online value is newer. No start continues from the last end.")
    public Result materialize(@PathParam("name") String name, @HeaderParam("traceparent") String traceparent,
                              MaterializeRequest request) {
        MaterializeRequest body = request == null ? new MaterializeRequest(null, null) : request;
        return service.materialize(name, body.start(), body.end(),
                new WriteOrigin(actor.name(), traceparent));
    }
}
