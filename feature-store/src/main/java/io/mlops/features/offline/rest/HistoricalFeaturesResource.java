package io.mlops.features.offline.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.offline.service.HistoricalRequest;
import io.mlops.features.offline.service.HistoricalRetrievalService;
import io.mlops.features.offline.service.PreparedRetrieval;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/historical-features")
@Tag(name = "Historical features")
public class HistoricalFeaturesResource {

    public static final String TEXT_CSV = "text/csv";
    private static final MediaType CSV = MediaType.valueOf(TEXT_CSV);

    private final HistoricalRetrievalService service;
    private final ObjectMapper mapper;

    public HistoricalFeaturesResource(HistoricalRetrievalService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(summary = "Point-in-time correct feature values for entity rows (training data)",
            description = "Rows come back in request order with their own columns (labels included) and, per feature,"
                    + " the newest value with event time <= the row's event_timestamp and within the view's ttl."
                    + " Streamed; Accept: text/csv for CSV.")
    public Response retrieve(HistoricalRequest request, @Context HttpHeaders headers) {
        if (request == null) {
            throw FeatureErrors.validation("$", "A JSON body is required");
        }
        PreparedRetrieval prepared = service.prepare(request);
        boolean csv = wantsCsv(headers);
        StreamingOutput body = out -> service.stream(prepared,
                csv ? new CsvHistoricalSink(out, mapper) : new JsonHistoricalSink(out, mapper));
        return Response.ok(body, csv ? CSV : MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if (CSV.getType().equals(type.getType()) && CSV.getSubtype().equals(type.getSubtype())) {
                return true;
            }
        }
        return false;
    }
}
