package io.mlops.monitor.alert.rest;

import io.mlops.monitor.alert.repository.AlertRepository;
import io.mlops.monitor.error.Limits;
import io.mlops.monitor.error.Models;
import io.mlops.monitor.error.TimeRange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Alerts raised, newest first; the same alerts went to {@code mlops.drift.alerts.v1}. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertResource {

    private final AlertRepository alerts;
    private final Models models;

    public AlertResource(AlertRepository alerts, Models models) {
        this.alerts = alerts;
        this.models = models;
    }

    @GET
    @Operation(summary = "Alerts raised within from/to, of one model or all, newest first")
    public List<AlertJson> list(@RestQuery String model, @RestQuery String from, @RestQuery String to,
                                @RestQuery Integer limit) {
        TimeRange range = TimeRange.parse(from, to);
        int max = Limits.limit(limit, 500, 10_000);
        if (model != null) {
            models.requireModel(model);
        }
        return alerts.find(model, range.from(), range.to(), max).stream()
                .map(a -> AlertJson.of(a.type(), a.alert(), a.raisedAt())).toList();
    }
}
