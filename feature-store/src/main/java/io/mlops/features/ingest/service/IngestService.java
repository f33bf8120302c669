package io.mlops.features.ingest.service;

import io.mlops.events.features.PushTarget;
import io.mlops.features.ingest.service.FeatureWriter.Written;
import io.mlops.features.metrics.FeatureMetrics;
import io.mlops.features.online.messaging.WriteOrigin;
import io.mlops.features.view.service.ViewCatalog;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Push ingestion: validate everything against the view's latest version, then write it all. */
@ApplicationScoped
public class IngestService {

    /** What a push did. */
    public record PushResult(String featureView, int version, PushTarget to, int rows, int onlineUpdated) {
    }

    private final ViewCatalog catalog;
    private final CurrentSchemaValidation validation;
    private final FeatureWriter writer;

    public IngestService(ViewCatalog catalog, CurrentSchemaValidation validation, FeatureWriter writer) {
        this.catalog = catalog;
        this.validation = validation;
        this.writer = writer;
    }

    /** 404 unless the view exists, checked before a possibly large body is read. */
    public void requireView(String viewName) {
        catalog.require(viewName);
    }

    public PushResult push(String viewName, PushTarget to, List<?> rows, WriteOrigin origin) {
        CurrentSchemaValidation.Validated validated = validation.validate(catalog.require(viewName), rows);
        ViewSchema schema = validated.schema();
        List<ValidatedRow> valid = validated.rows();
        List<Written> written = writer.write(List.of(new ViewBatch(schema, to, valid)), origin, FeatureMetrics.PATH_PUSH);
        return new PushResult(schema.name(), schema.version(), to, valid.size(), written.get(0).changedKeys().size());
    }
}
