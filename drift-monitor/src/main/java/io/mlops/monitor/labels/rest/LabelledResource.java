package io.mlops.monitor.labels.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import io.mlops.monitor.db.Db;
import io.mlops.monitor.error.Limits;
import io.mlops.monitor.error.Models;
import io.mlops.monitor.error.TimeRange;
import io.mlops.monitor.labels.repository.LabelledExport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The retraining data: predictions joined with their labels, as a JSON array or (with
 * {@code Accept: text/csv}) CSV with one column per feature. Streamed from a database cursor.
 */
@Path("/api/v1/labelled/{model}")
@Tag(name = "labelled")
public class LabelledResource {

    public static final String CSV = "text/csv";

    private final LabelledExport export;
    private final Models models;

    public LabelledResource(LabelledExport export, Models models) {
        this.export = export;
        this.models = models;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Labelled predictions of a model within from/to (prediction time), JSON or CSV")
    public Response get(@RestPath String model, @RestQuery Integer version, @RestQuery String from, @RestQuery String to,
                        @RestQuery Integer limit, HttpHeaders headers) {
        TimeRange range = TimeRange.parse(from, to);
        int max = Limits.limit(limit, 1_000_000, 10_000_000);
        if (version != null) {
            models.requireVersion(model, version);
        } else {
            models.requireModel(model);
        }
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.valueOf(CSV)) && !m.isWildcardType());
        if (csv) {
            List<String> features = export.featureNames(model, version, range.from(), range.to());
            StreamingOutput body = out -> writeCsv(out, features, model, version, range, max);
            return Response.ok(body, CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + model + "-labelled.csv\"").build();
        }
        StreamingOutput body = out -> writeJson(out, model, version, range, max);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private void writeJson(java.io.OutputStream out, String model, Integer version, TimeRange range, int max)
            throws IOException {
        try (JsonGenerator json = EventJson.mapper().getFactory().createGenerator(out)) {
            // If the rows stop coming (the database fails mid-way), the array must stay unclosed:
            // a closed one would be a valid, silently short data set for the retraining job reading it.
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            json.writeStartArray();
            export.stream(model, version, range.from(), range.to(), max, rs -> {
                try {
                    json.writeStartObject();
                    json.writeStringField("predictionId", rs.getString("prediction_id"));
                    json.writeStringField("model", rs.getString("model"));
                    json.writeNumberField("version", rs.getInt("version"));
                    json.writeStringField("arm", rs.getString("arm"));
                    json.writeStringField("timestamp", String.valueOf(Db.instant(rs, "predicted_at")));
                    String features = rs.getString("features");
                    json.writeFieldName("features");
                    if (features == null) {
                        json.writeNull();
                    } else {
                        json.writeRawValue(features);
                    }
                    json.writeStringField("predictedLabel", rs.getString("predicted_label"));
                    Double score = Db.nullableDouble(rs, "score");
                    if (score == null) {
                        json.writeNullField("score");
                    } else {
                        json.writeNumberField("score", score);
                    }
                    json.writeStringField("label", rs.getString("label"));
                    json.writeStringField("labelTimestamp", String.valueOf(Db.instant(rs, "labelled_at")));
                    json.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
        }
    }

    private void writeCsv(java.io.OutputStream out, List<String> features, String model, Integer version, TimeRange range,
                          int max) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        StringBuilder header = new StringBuilder("predictionId,version,arm,timestamp");
        features.forEach(f -> header.append(',').append(CsvCells.escape(f)));
        header.append(",predictedLabel,score,label,labelTimestamp\n");
        w.write(header.toString());
        export.stream(model, version, range.from(), range.to(), max, rs -> {
            StringBuilder line = new StringBuilder();
            line.append(CsvCells.escape(rs.getString("prediction_id"))).append(',').append(rs.getInt("version"))
                    .append(',').append(rs.getString("arm")).append(',').append(Db.instant(rs, "predicted_at"));
            JsonNode values = parse(rs.getString("features"));
            for (String f : features) {
                line.append(',').append(CsvCells.of(values == null ? null : values.get(f)));
            }
            Double score = Db.nullableDouble(rs, "score");
            line.append(',').append(CsvCells.escape(rs.getString("predicted_label"))).append(',')
                    .append(score == null ? "" : score.toString()).append(',')
                    .append(CsvCells.escape(rs.getString("label"))).append(',').append(Db.instant(rs, "labelled_at"))
                    .append('\n');
            try {
                w.write(line.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.flush();
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : EventJson.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
