package io.mlops.registry.tracking.run.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.web.StrictJson;
import io.mlops.registry.search.Page;
import io.mlops.registry.tracking.run.service.RunService;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /api/v1/runs}: experiment tracking. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs")
public class RunResource {

    /** A page of runs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunList(List<RunJson> runs, String nextPageToken) {
    }

    private final RunService runs;

    public RunResource(RunService runs) {
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run in an experiment, with params, tags and dataset inputs")
    public Response create(CreateRunRequest request) {
        RunJson run = runs.create(request);
        return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(run).build();
    }

    @GET
    @Operation(summary = "Search runs: filter like metrics.auc > 0.8 AND params.lr = '0.1'")
    public RunList search(@RestQuery List<String> experimentId, @RestQuery String filter, @RestQuery String orderBy,
                          @RestQuery Integer pageSize, @RestQuery String pageToken) {
        Page<RunJson> page = runs.search(experimentId, filter, orderBy, pageSize, pageToken);
        return new RunList(page.items(), page.nextPageToken());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a run with its latest metrics")
    public RunJson get(@RestPath String id) {
        return runs.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Set status (RUNNING|FINISHED|FAILED), endTime, name; merge tags; add params")
    public RunJson update(@RestPath String id, JsonNode body) {
        return runs.update(id, body);
    }

    @POST
    @Path("/{id}/metrics")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log a batch of metric values {key, value, step, timestamp}")
    public Map<String, Integer> logMetrics(@RestPath String id, JsonNode body) {
        return Map.of("logged", runs.logMetrics(id, body));
    }

    @GET
    @Path("/{id}/metrics/{key}")
    @Operation(summary = "Every value logged for one metric, by step")
    public MetricHistory history(@RestPath String id, @RestPath String key) {
        return runs.history(id, key);
    }
}
