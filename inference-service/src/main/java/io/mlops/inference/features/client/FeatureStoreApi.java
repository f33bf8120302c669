package io.mlops.inference.features.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The feature store's online lookup, over a pooled keep-alive HTTP client, without blocking a thread. */
@RegisterRestClient(configKey = "feature-store")
@Path("/api/v1/online-features")
public interface FeatureStoreApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<OnlineFeaturesResponse> lookup(@HeaderParam("traceparent") String traceparent, OnlineFeaturesRequest request);
}
