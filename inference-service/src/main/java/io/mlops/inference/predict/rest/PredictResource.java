package io.mlops.inference.predict.rest;

import io.mlops.common.web.CurrentActor;
import io.mlops.common.web.StrictJson;
import io.mlops.inference.web.Caller;
import io.mlops.inference.predict.service.PredictService;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code POST /api/v1/predict/{model}}: predictions from an entity key, features joined in. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/predict/{model}")
@Tag(name = "Predict")
public class PredictResource {

    private final PredictService predictions;

    public PredictResource(PredictService predictions) {
        this.predictions = predictions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Predict for one entity: its online features are fetched in one call, overrides applied",
            description = "Missing features: 422 FEATURES_MISSING naming them, or imputed from the reference profile"
                    + " when the deployment (or the service) says impute. Feature store down or slow: 503 UPSTREAM_UNAVAILABLE.")
    public Uni<PredictResponse> predict(@RestPath String model, PredictRequest request,
                                        @HeaderParam("traceparent") String traceparent,
                                        @HeaderParam(CurrentActor.HEADER) String actor) {
        return predictions.predict(model, request, new Caller(CurrentActor.normalise(actor), traceparent));
    }
}
