package io.mlops.features.ingest.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.features.view.service.ViewCatalog;
import io.mlops.features.view.service.ViewHistory;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Validates rows against a view's latest version as cached, and once more against the version
 * stored now when the refusal is what a schema change looks like (a column the cached version
 * lacks, or one it has that the rows leave out): another replica may have applied a version this
 * one has not seen yet. Push and stream ingestion share it, so neither refuses nor dead-letters
 * rows the current definition accepts.
 */
@ApplicationScoped
public class CurrentSchemaValidation {

    /** The rows as validated, and the version they were validated against. */
    public record Validated(ViewSchema schema, List<ValidatedRow> rows) {
    }

    private final ViewCatalog catalog;
    private final RowValidator validator;

    public CurrentSchemaValidation(ViewCatalog catalog, RowValidator validator) {
        this.catalog = catalog;
        this.validator = validator;
    }

    /** Throws the validator's refusal, against the newest version it could find. */
    public Validated validate(ViewHistory view, List<?> rows) {
        try {
            return new Validated(view.latest(), validator.validate(view.latest(), rows));
        } catch (PlatformException refused) {
            ViewHistory newer = schemaChangeShaped(refused) ? catalog.newerThan(view) : null;
            if (newer == null) {
                throw refused;
            }
            return new Validated(newer.latest(), validator.validate(newer.latest(), rows));
        }
    }

    private static boolean schemaChangeShaped(PlatformException refused) {
        return refused.code() == ErrorCode.UNKNOWN_FEATURE || (refused.code() == ErrorCode.SCHEMA_VIOLATION
                && refused.errors().stream().anyMatch(e -> RowValidator.MISSING.equals(e.message())));
    }
}
