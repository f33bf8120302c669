package io.mlops.registry.tracking.experiment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.common.web.StrictJson;
import io.mlops.registry.search.Page;
import io.mlops.registry.tracking.experiment.service.ExperimentService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /api/v1/experiments}. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Experiments")
public class ExperimentResource {

    /** A page of experiments. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExperimentList(List<ExperimentJson> experiments, String nextPageToken) {
    }

    private final ExperimentService experiments;

    public ExperimentResource(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an experiment (409 if the name exists)")
    public Response create(CreateExperimentRequest request) {
        ExperimentJson created = experiments.create(request);
        return Response.created(URI.create("/api/v1/experiments/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List experiments by name, or find one with ?name=")
    public ExperimentList list(@RestQuery String name, @RestQuery Integer pageSize, @RestQuery String pageToken) {
        Page<ExperimentJson> page = experiments.list(name, pageSize, pageToken);
        return new ExperimentList(page.items(), page.nextPageToken());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an experiment by id")
    public ExperimentJson get(@RestPath String id) {
        return experiments.get(id);
    }
}
