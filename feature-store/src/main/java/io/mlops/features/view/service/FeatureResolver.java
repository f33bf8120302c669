package io.mlops.features.view.service;

import io.mlops.common.error.FieldError;
import io.mlops.features.error.FeatureErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Binds feature references to the view versions they read. */
@ApplicationScoped
public class FeatureResolver {

    private final ViewCatalog catalog;

    public FeatureResolver(ViewCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Resolves every reference or fails with 422 UNKNOWN_FEATURE listing each one that does not
     * resolve (field {@code <field>[i]}). May read definitions from PostgreSQL.
     */
    public List<ResolvedFeature> resolve(List<String> refs, String field) {
        return resolve(refs, field, false);
    }

    /** Like {@link #resolve} using cached definitions only; null when one is not cached. */
    public List<ResolvedFeature> resolveCached(List<String> refs, String field) {
        return resolve(refs, field, true);
    }

    private List<ResolvedFeature> resolve(List<String> refs, String field, boolean cachedOnly) {
        if (refs == null || refs.isEmpty()) {
            throw FeatureErrors.validation(field, "At least one feature reference is required");
        }
        List<ResolvedFeature> out = new ArrayList<>(refs.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            String text = refs.get(i);
            FeatureRef ref = FeatureRef.parse(text);
            String at = field + "[" + i + "]";
            if (ref == null) {
                errors.add(new FieldError(at, "'" + text + "' is not a feature reference; write view:feature or view@version:feature"));
                continue;
            }
            ViewHistory history = cachedOnly ? catalog.cached(ref.view()) : catalog.find(ref.view());
            if (history == null) {
                if (cachedOnly) {
                    return null;
                }
                errors.add(new FieldError(at, "Unknown feature '" + text + "': feature view '" + ref.view() + "' does not exist"));
                continue;
            }
            ViewSchema schema = ref.version() == null ? history.latest() : history.version(ref.version());
            if (schema == null) {
                errors.add(new FieldError(at, "Unknown feature '" + text + "': feature view '" + ref.view()
                        + "' has no version " + ref.version() + " (latest is " + history.latestVersion() + ")"));
                continue;
            }
            FeatureSpec spec = schema.feature(ref.feature());
            if (spec == null) {
                errors.add(new FieldError(at, "Unknown feature '" + text + "': " + missingFeature(history, schema, ref.feature())));
                continue;
            }
            out.add(new ResolvedFeature(text, schema, spec));
        }
        if (!errors.isEmpty()) {
            throw FeatureErrors.unknownFeatures(errors);
        }
        return out;
    }

    /** Says where the feature went, so a client whose model needs a removed feature knows to pin. */
    private static String missingFeature(ViewHistory history, ViewSchema schema, String feature) {
        for (int v = schema.version() - 1; v >= 1; v--) {
            ViewSchema older = history.version(v);
            if (older != null && older.feature(feature) != null) {
                return "feature view '" + schema.name() + "' version " + schema.version() + " has no feature '"
                        + feature + "'; version " + v + " has it (read it as " + schema.name() + "@" + v + ":" + feature + ")";
            }
        }
        return "feature view '" + schema.name() + "' version " + schema.version() + " has no feature '" + feature + "'";
    }
}
