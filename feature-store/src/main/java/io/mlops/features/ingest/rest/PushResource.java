package io.mlops.features.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.common.web.CurrentActor;
import io.mlops.features.config.IngestConfig;
import io.mlops.features.ingest.service.IngestService.PushResult;
import io.mlops.features.ingest.service.IngestService;
import io.mlops.features.online.messaging.WriteOrigin;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feature-views/{name}/push")
@Tag(name = "Ingestion")
public class PushResource {

    private final IngestService service;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final CurrentActor actor;
    private final StreamedPushBodies pushBodies;

    public PushResource(IngestService service, ObjectMapper mapper, IngestConfig config, CurrentActor actor,
                        StreamedPushBodies pushBodies) {
        this.service = service;
        this.mapper = mapper;
        this.config = config;
        this.actor = actor;
        this.pushBodies = pushBodies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Push rows to a feature view",
            description = "{\"to\": \"online\"|\"offline\"|\"online_and_offline\", \"rows\": [{joinKey, event_timestamp,"
                    + " features...}]} or Feast's columnar \"df\". All or nothing: 422 SCHEMA_VIOLATION (or UNKNOWN_FEATURE)"
                    + " lists every bad cell as rows[i].column; 413 above the row limit. An older row never replaces a"
                    + " newer online value.")
    public PushResult push(@PathParam("name") String name, @HeaderParam("traceparent") String traceparent,
                           @RequestBody(content = @Content(schema = @Schema(implementation = PushRequestSchema.class)))
                           InputStream body) throws IOException {
        service.requireView(name);
        PushBody.Parsed parsed = PushBody.read(pushBodies.limit(body), mapper, config.maxRowsPerBatch());
        return service.push(name, parsed.to(), parsed.rows(), new WriteOrigin(actor.name(), traceparent));
    }
}
