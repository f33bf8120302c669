package io.mlops.registry.model.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.web.StrictJson;
import io.mlops.events.registry.ModelCreated;
import io.mlops.registry.alias.rest.AliasResource;
import io.mlops.registry.alias.service.AliasService;
import io.mlops.registry.model.repository.ModelRow;
import io.mlops.registry.model.service.ModelService;
import io.mlops.registry.search.Page;
import io.mlops.registry.web.ETags;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /api/v1/models}: registered models, and {@code name@alias} resolution. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models")
public class ModelResource {

    private final ModelService models;
    private final AliasService aliases;

    public ModelResource(ModelService models, AliasService aliases) {
        this.models = models;
        this.aliases = aliases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a model (409 MODEL_ALREADY_EXISTS if the name is taken)")
    public Response create(CreateModelRequest request) {
        ModelService.Created created = models.create(request);
        return Response.created(URI.create("/api/v1/models/" + created.json().name())).entity(created.json())
                .tag(ETags.of(created.revision())).build();
    }

    @GET
    @Operation(summary = "List models: filter (name LIKE 'churn%' AND tags.team = 'risk'), orderBy, paging")
    public ModelList list(@RestQuery String filter, @RestQuery String orderBy, @RestQuery Integer pageSize,
                          @RestQuery String pageToken) {
        Page<ModelCreated> page = models.search(filter, orderBy, pageSize, pageToken);
        return new ModelList(page.items(), page.nextPageToken());
    }

    @GET
    @Path("/{ref}")
    @Operation(summary = "Get a model by name, or with name@alias the version JSON the alias points at")
    public Response get(@RestPath String ref) {
        int at = ref.indexOf('@');
        if (at > 0) {
            return AliasResource.ok(aliases.resolve(ref.substring(0, at), ref.substring(at + 1)));
        }
        ModelRow row = models.get(ref);
        return Response.ok(row.toJson()).tag(ETags.of(row.revision())).build();
    }

    @PATCH
    @Path("/{name}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change description and tags (JSON merge patch; If-Match with the ETag guards against lost updates)")
    public Response update(@RestPath String name, JsonNode body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ModelRow row = models.update(name, body, ifMatch);
        return Response.ok(row.toJson()).tag(ETags.of(row.revision())).build();
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a model, its versions and artifacts (409 while an alias exists)")
    public Response delete(@RestPath String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        models.delete(name, ifMatch);
        return Response.noContent().build();
    }
}
