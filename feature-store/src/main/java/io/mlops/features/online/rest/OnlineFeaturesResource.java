package io.mlops.features.online.rest;

import io.mlops.features.online.service.OnlineLookupService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The inference hot path; see {@link OnlineLookupService#lookupAsync}. */
@Path("/api/v1/online-features")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Online features")
public class OnlineFeaturesResource {

    private final OnlineLookupService service;

    public OnlineFeaturesResource(OnlineLookupService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Get online features (Feast's request and response shape)",
            description = "Statuses PRESENT, NULL_VALUE, NOT_FOUND, OUTSIDE_MAX_AGE (value withheld). An unknown view,"
                    + " version or feature is 422 UNKNOWN_FEATURE naming the reference.")
    public Uni<OnlineFeaturesResponse> lookup(OnlineFeaturesRequest request) {
        return service.lookupAsync(request);
    }
}
