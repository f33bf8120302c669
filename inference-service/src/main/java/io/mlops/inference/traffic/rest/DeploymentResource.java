package io.mlops.inference.traffic.rest;

import io.mlops.common.web.CurrentActor;
import io.mlops.common.web.StrictJson;
import io.mlops.inference.traffic.service.DeploymentService;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /api/v1/deployments/{model}}: a model's champion/challenger split and shadow traffic. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/deployments/{model}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments")
public class DeploymentResource {

    private final DeploymentService deployments;
    private final CurrentActor actor;

    public DeploymentResource(DeploymentService deployments, CurrentActor actor) {
        this.deployments = deployments;
        this.actor = actor;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the traffic split: champion alias, challenger alias and percent, shadow, missing-feature policy",
            description = "Stored, then broadcast on mlops.inference.deployments.v1 so every replica applies it."
                    + " The challenger is chosen by a hash of the request id, so a retry hits the same arm.")
    public DeploymentView put(@RestPath String model, DeploymentRequest request,
                              @HeaderParam("traceparent") String traceparent) {
        return deployments.put(model, request, actor.name(), traceparent);
    }

    @GET
    @Operation(summary = "The split and the version each alias serves on this replica")
    public DeploymentView get(@RestPath String model) {
        return deployments.get(model);
    }
}
