package io.mlops.monitor.performance.rest;

import io.mlops.monitor.error.Models;
import io.mlops.monitor.labels.repository.LabelRepository;
import io.mlops.monitor.labels.service.LabelledRow;
import io.mlops.monitor.performance.service.Outcome;
import io.mlops.monitor.performance.service.Outcomes;
import io.mlops.monitor.performance.service.PerformanceReports;
import io.mlops.monitor.performance.service.VersionPerformance;
import io.mlops.monitor.reference.repository.MonitoredVersionRepository;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.VersionCatalog;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.settings.service.SettingsService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Live performance per version over its latest labelled predictions, computed from the joined rows. */
@Path("/api/v1/performance/{model}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "performance")
public class PerformanceResource {

    private final LabelRepository labels;
    private final VersionCatalog catalog;
    private final SettingsService settings;
    private final Models models;
    private final MonitoredVersionRepository known;

    public PerformanceResource(LabelRepository labels, VersionCatalog catalog, SettingsService settings, Models models,
                               MonitoredVersionRepository known) {
        this.known = known;
        this.labels = labels;
        this.catalog = catalog;
        this.settings = settings;
        this.models = models;
    }

    /** The response: one entry per monitored version, newest first (versions without labels have no metrics). */
    public record ModelPerformance(String model, List<VersionPerformance> versions) {
    }

    @GET
    @Operation(summary = "Rolling accuracy, precision, recall, F1, AUC and log loss (or MAE/RMSE) per version, with label counts")
    public ModelPerformance get(@RestPath String model, @RestQuery Integer version) {
        if (version != null) {
            models.requireVersion(model, version);
        } else {
            models.requireModel(model);
        }
        EffectiveSettings s = settings.effective(model);
        List<Integer> versions = version != null ? List.of(version)
                : known.versionsOf(model).stream().map(MonitoredVersionRepository.Stored::version).toList();
        List<VersionPerformance> out = new ArrayList<>();
        for (int v : versions) {
            MonitoredVersion mv = catalog.find(new VersionKey(model, v)).orElse(null);
            if (mv == null) {
                continue;
            }
            List<LabelledRow> rows = labels.recent(model, v, Outcomes.judgedLabels(mv), s.performanceWindow());
            List<Outcome> outcomes = new ArrayList<>();
            Instant from = null;
            Instant to = null;
            for (int i = rows.size() - 1; i >= 0; i--) {
                LabelledRow r = rows.get(i);
                outcomes.add(Outcomes.of(r));
                from = from == null || r.predictedAt().isBefore(from) ? r.predictedAt() : from;
                to = to == null || r.predictedAt().isAfter(to) ? r.predictedAt() : to;
            }
            out.add(PerformanceReports.of(mv, outcomes, s, from, to));
        }
        return new ModelPerformance(model, out);
    }
}
