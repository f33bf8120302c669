package io.mlops.registry.version.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.web.StrictJson;
import io.mlops.events.registry.ModelVersion;
import io.mlops.registry.artifact.ArtifactStore;
import io.mlops.registry.lineage.Lineage;
import io.mlops.registry.lineage.LineageService;
import io.mlops.registry.search.Page;
import io.mlops.registry.version.repository.VersionRow;
import io.mlops.registry.version.service.VersionService;
import io.mlops.registry.version.service.VersionUploads;
import io.mlops.registry.web.ETags;
import io.mlops.registry.web.RawJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/** {@code /api/v1/models/{name}/versions}: upload, read, change and delete versions and their artifacts. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/models/{name}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Model versions")
public class VersionResource {

    private final VersionUploads uploads;
    private final VersionService versions;
    private final LineageService lineage;
    private final ArtifactStore artifacts;

    public VersionResource(VersionUploads uploads, VersionService versions, LineageService lineage,
                           ArtifactStore artifacts) {
        this.uploads = uploads;
        this.versions = versions;
        this.lineage = lineage;
        this.artifacts = artifacts;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Register a version: multipart parts 'artifact' (ONNX bytes) and 'metadata' (JSON)")
    public Response upload(@RestPath String name, MultipartFormDataInput input) throws IOException {
        VersionRow created = uploads.register(name, MultipartUpload.of(input));
        return Response.created(URI.create("/api/v1/models/" + name + "/versions/" + created.json().version()))
                .entity(created.json()).tag(ETags.of(created.revision())).build();
    }

    @GET
    @Operation(summary = "List a model's versions, newest first; same filter and orderBy as /model-versions")
    public VersionList list(@RestPath String name, @RestQuery String filter, @RestQuery String orderBy,
                            @RestQuery Integer pageSize, @RestQuery String pageToken) {
        Page<RawJson> page = versions.search(name, filter, orderBy, pageSize, pageToken);
        return new VersionList(page.items(), page.nextPageToken());
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "Get a version ('latest' names the highest number)")
    public Response get(@RestPath String name, @RestPath String version) {
        VersionRow row = versions.get(name, version);
        return Response.ok(row.json()).tag(ETags.of(row.revision())).build();
    }

    @PATCH
    @Path("/{version}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change description, tags (merged) or status READY|ARCHIVED")
    public Response update(@RestPath String name, @RestPath String version, JsonNode body,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        VersionRow row = versions.update(name, version, body, ifMatch);
        return Response.ok(row.json()).tag(ETags.of(row.revision())).build();
    }

    @DELETE
    @Path("/{version}")
    @Operation(summary = "Delete a version and its artifact (409 while aliased)")
    public Response delete(@RestPath String name, @RestPath String version,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        versions.delete(name, version, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/{version}/artifact")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the ONNX artifact; ETag is its sha256, If-None-Match answers 304")
    public Response artifact(@RestPath String name, @RestPath String version,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) throws IOException {
        VersionRow row = versions.get(name, version);
        ModelVersion v = row.json();
        EntityTag tag = new EntityTag(v.sha256());
        if (ifNoneMatch != null && (ifNoneMatch.strip().equals("*") || ifNoneMatch.contains("\"" + v.sha256() + "\""))) {
            return Response.notModified(tag).build();
        }
        return Response.ok(artifacts.open(row.artifactKey()), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .tag(tag)
                .header(HttpHeaders.CONTENT_LENGTH, v.sizeBytes())
                .header("Content-Disposition", "attachment; filename=\"" + name + "-v" + v.version() + ".onnx\"")
                .header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(
                        java.util.HexFormat.of().parseHex(v.sha256())))
                .build();
    }

    @GET
    @Path("/{version}/reference-profile")
    @Operation(summary = "The reference profile registered with the version (features, score, predictedLabel)")
    public Response referenceProfile(@RestPath String name, @RestPath String version) {
        return Response.ok(versions.profile(name, version), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{version}/lineage")
    @Operation(summary = "Version -> run (params, metrics) -> experiment -> dataset versions -> features -> profile summary")
    public Lineage lineage(@RestPath String name, @RestPath String version) {
        return lineage.of(name, version);
    }
}
