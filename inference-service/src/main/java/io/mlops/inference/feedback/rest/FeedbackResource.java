package io.mlops.inference.feedback.rest;

import io.mlops.common.web.CurrentActor;
import io.mlops.common.web.StrictJson;
import io.mlops.inference.feedback.service.FeedbackService;
import io.mlops.inference.web.Caller;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/feedback}: the true outcome of an earlier prediction. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/feedback")
@Tag(name = "Feedback")
public class FeedbackResource {

    private final FeedbackService feedback;
    private final CurrentActor actor;

    public FeedbackResource(FeedbackService feedback, CurrentActor actor) {
        this.feedback = feedback;
        this.actor = actor;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the true label of a prediction; 202 once the broker has it, 503 if it cannot take it")
    public Response post(FeedbackRequest request, @HeaderParam("traceparent") String traceparent) {
        return Response.accepted(feedback.accept(request, new Caller(actor.name(), traceparent))).build();
    }
}
