package io.mlops.monitor.reference.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.monitor.error.Models;
import io.mlops.monitor.reference.repository.MonitoredVersionRepository;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.stream.service.LiveWindows;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** What the monitor does for each version of a model: drift against a profile, or quality only. */
@Path("/api/v1/monitoring/{model}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitoring")
public class MonitoringResource {

    private final MonitoredVersionRepository versions;
    private final Models models;
    private final LiveWindows live;

    public MonitoringResource(MonitoredVersionRepository versions, Models models, LiveWindows live) {
        this.versions = versions;
        this.models = models;
        this.live = live;
    }

    /**
     * @param monitoring {@code DRIFT} with a reference profile, {@code QUALITY_ONLY} (volume, missing
     *     values, latency) without
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionStatus(int version, boolean referenceProfile, String monitoring, String profileNote,
                                LiveWindows.OpenWindow openWindow) {
    }

    public record ModelStatus(String model, List<VersionStatus> versions) {
    }

    @GET
    @Operation(summary = "Monitored versions of a model: whether each has a reference profile, and its open window")
    public ModelStatus get(@RestPath String model) {
        models.requireModel(model);
        List<VersionStatus> out = versions.versionsOf(model).stream().map(v -> {
            boolean profile = v.note() == null;
            return new VersionStatus(v.version(), profile, profile ? "DRIFT" : "QUALITY_ONLY", v.note(),
                    live.of(new VersionKey(model, v.version())));
        }).toList();
        return new ModelStatus(model, out);
    }
}
