package io.mlops.features.ingest.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.events.features.PushTarget;
import io.mlops.features.ingest.service.FeatureWriter.Written;
import io.mlops.features.metrics.FeatureMetrics;
import io.mlops.features.online.messaging.WriteOrigin;
import io.mlops.features.view.service.ViewCatalog;
import io.mlops.features.view.service.ViewHistory;
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
    private final RowValidator validator;
    private final FeatureWriter writer;

    public IngestService(ViewCatalog catalog, RowValidator validator, FeatureWriter writer) {
        this.catalog = catalog;
        this.validator = validator;
        this.writer = writer;
    }

    /** 404 unless the view exists, checked before a possibly large body is read. */
    public void requireView(String viewName) {
        catalog.require(viewName);
    }

    public PushResult push(String viewName, PushTarget to, List<?> rows, WriteOrigin origin) {
        ViewHistory view = catalog.require(viewName);
        ViewSchema schema = view.latest();
        List<ValidatedRow> valid;
        try {
            valid = validator.validate(schema, rows);
        } catch (PlatformException refused) {
            ViewHistory newer = refused.code() == ErrorCode.PAYLOAD_TOO_LARGE ? null : catalog.newerThan(view);
            if (newer == null) {
                throw refused;
            }
            schema = newer.latest();
            valid = validator.validate(schema, rows);
        }
        List<Written> written = writer.write(List.of(new ViewBatch(schema, to, valid)), origin, FeatureMetrics.PATH_PUSH);
        return new PushResult(schema.name(), schema.version(), to, valid.size(), written.get(0).changedKeys().size());
    }
}
