package io.mlops.features.view.rest;

import io.mlops.common.web.CurrentActor;
import io.mlops.common.web.StrictJson;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.stats.repository.ViewStatsRepository;
import io.mlops.features.view.rest.FeatureViewResponse.ViewStatsResponse;
import io.mlops.features.view.service.FeatureViewService.ApplyResult;
import io.mlops.features.view.service.FeatureViewService.Definition;
import io.mlops.features.view.service.FeatureViewService.Outcome;
import io.mlops.features.view.service.FeatureViewService;
import io.mlops.features.view.service.ViewHistory;
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
@Path("/api/v1/feature-views")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feature views")
public class FeatureViewResource {

    private final FeatureViewService service;
    private final ViewStatsRepository stats;
    private final CurrentActor actor;

    public FeatureViewResource(FeatureViewService service, ViewStatsRepository stats, CurrentActor actor) {
        this.service = service;
        this.stats = stats;
        this.actor = actor;
    }

    @POST
    @Operation(summary = "Apply a feature view definition",
            description = "201 with version 1 for a new view; 200 with the same version when nothing changed;"
                    + " 200 with version n+1 when the definition changed. 409 if the entities or a feature's type change.")
    public Response apply(FeatureViewRequest request) {
        if (request == null) {
            throw FeatureErrors.validation("$", "A JSON body is required");
        }
        ApplyResult result = service.apply(new Definition(request.name(), request.entities(), request.features(),
                request.ttlSeconds(), request.description(), request.tags()), actor.name());
        FeatureViewResponse body = FeatureViewResponse.of(result.schema(), result.schema().version());
        if (result.outcome() == Outcome.CREATED) {
            return Response.created(URI.create("/api/v1/feature-views/" + request.name())).entity(body).build();
        }
        return Response.ok(body).build();
    }

    @GET
    @Operation(summary = "List feature views: each one's latest version and all its version numbers")
    public List<FeatureViewResponse> list() {
        return service.list().stream().map(h -> FeatureViewResponse.of(h, null)).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Show a feature view: its latest version, all version numbers and write statistics")
    public FeatureViewResponse get(@PathParam("name") String name) {
        ViewHistory history = service.get(name);
        ViewStatsResponse viewStats = stats.find(name)
                .map(s -> new ViewStatsResponse(s.onlineNewestEventTimestamp(), s.offlineNewestEventTimestamp(),
                        s.lastWriteAt(), s.materializedUntil()))
                .orElse(null);
        return FeatureViewResponse.of(history, viewStats);
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "List every version of a feature view")
    public List<FeatureViewResponse> versions(@PathParam("name") String name) {
        ViewHistory history = service.get(name);
        return history.versions().values().stream()
                .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                .map(s -> FeatureViewResponse.of(s, history.latestVersion()))
                .toList();
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "Show one version of a feature view")
    public FeatureViewResponse version(@PathParam("name") String name, @PathParam("version") int version) {
        ViewHistory history = service.get(name);
        return FeatureViewResponse.of(service.get(name, version), history.latestVersion());
    }
}
