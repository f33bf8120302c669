package io.mlops.registry.alias.rest;

import io.mlops.common.web.StrictJson;
import io.mlops.registry.alias.service.AliasService.ResolvedAlias;
import io.mlops.registry.alias.service.AliasService;
import io.mlops.registry.web.ETags;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /api/v1/models/{name}/aliases}: named pointers such as {@code champion} to a version. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/models/{name}/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Aliases")
public class AliasResource {

    private final AliasService aliases;

    public AliasResource(AliasService aliases) {
        this.aliases = aliases;
    }

    @PUT
    @Path("/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Point an alias at a READY version of this model (atomic; If-Match guards against lost updates)")
    public Response set(@RestPath String name, @RestPath String alias, SetAliasRequest request,
                        @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ok(aliases.render(aliases.set(name, alias, request, ifMatch)));
    }

    @GET
    @Path("/{alias}")
    @Operation(summary = "The version JSON the alias points at")
    public Response get(@RestPath String name, @RestPath String alias) {
        return ok(aliases.resolve(name, alias));
    }

    @DELETE
    @Path("/{alias}")
    @Operation(summary = "Delete an alias")
    public Response delete(@RestPath String name, @RestPath String alias, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        aliases.delete(name, alias, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/{alias}/history")
    @Operation(summary = "Every move of the alias, newest first")
    public AliasHistory history(@RestPath String name, @RestPath String alias) {
        return aliases.history(name, alias);
    }

    /** The version JSON, already rendered, with the alias' revision as the ETag. */
    public static Response ok(ResolvedAlias resolved) {
        return Response.ok(resolved.version().utf8(), MediaType.APPLICATION_JSON_TYPE)
                .tag(ETags.of(resolved.aliasRevision())).build();
    }
}
