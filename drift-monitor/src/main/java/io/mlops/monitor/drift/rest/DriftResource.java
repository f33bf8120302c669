package io.mlops.monitor.drift.rest;

import io.mlops.monitor.drift.repository.WindowResultRepository;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.error.Limits;
import io.mlops.monitor.error.Models;
import io.mlops.monitor.error.TimeRange;
import io.mlops.monitor.reference.repository.MonitoredVersionRepository;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.stream.service.LiveWindows;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Drift verdicts per window, from the database (so history survives restarts). */
@Path("/api/v1/drift/{model}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drift")
public class DriftResource {

    private final WindowResultRepository results;
    private final MonitoredVersionRepository versions;
    private final Models models;
    private final LiveWindows live;

    public DriftResource(WindowResultRepository results, MonitoredVersionRepository versions, Models models,
                         LiveWindows live) {
        this.results = results;
        this.versions = versions;
        this.models = models;
        this.live = live;
    }

    /** The window that ended last within [from, to), of {@code version} or of any version. */
    @GET
    @Operation(summary = "Latest drift verdicts of a model (optionally of one version, within from/to)")
    public DriftReport latest(@RestPath String model, @RestQuery Integer version, @RestQuery String from,
                              @RestQuery String to) {
        TimeRange range = TimeRange.parse(from, to);
        if (version != null) {
            models.requireVersion(model, version);
        } else {
            models.requireModel(model);
        }
        Optional<WindowResult> found = results.latest(model, version, range.from(), range.to());
        List<MonitoredVersionRepository.Stored> known = versions.versionsOf(model);
        int shown = found.map(WindowResult::version).orElseGet(() -> version != null ? version
                : known.isEmpty() ? 1 : known.get(0).version());
        String note = known.stream().filter(v -> v.version() == shown).findFirst()
                .map(MonitoredVersionRepository.Stored::note).orElse(null);
        LiveWindows.OpenWindow open = live.of(new VersionKey(model, shown));
        return found.map(r -> DriftReport.of(r, note, open))
                .orElseGet(() -> DriftReport.empty(model, shown, note == null, note, open));
    }

    /** Window history, newest first. */
    @GET
    @Path("/windows")
    @Operation(summary = "Drift verdicts of every window that ended within from/to, newest first")
    public WindowHistory windows(@RestPath String model, @RestQuery Integer version, @RestQuery String from,
                                 @RestQuery String to, @RestQuery Integer limit) {
        TimeRange range = TimeRange.parse(from, to);
        int max = Limits.limit(limit, 100, 10_000);
        if (version != null) {
            models.requireVersion(model, version);
        } else {
            models.requireModel(model);
        }
        return new WindowHistory(model, results.find(model, version, range.from(), range.to(), max));
    }

    /** The response of {@code /windows}. */
    public record WindowHistory(String model, List<WindowResult> windows) {
    }
}
