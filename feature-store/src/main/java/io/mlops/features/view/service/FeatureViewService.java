package io.mlops.features.view.service;

import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.features.entity.repository.EntityRepository;
import io.mlops.features.entity.service.Entity;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.error.Names;
import io.mlops.features.view.repository.FeatureViewRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Applies feature view definitions, {@code feast apply} style: a new name makes version 1, the
 * same definition again changes nothing, a different one makes version n+1. Old versions stay
 * readable forever, so a model pinned to {@code view@1:feature} keeps working.
 */
@ApplicationScoped
public class FeatureViewService {

    /** A view with more features than this is almost certainly a mistake (and a very wide row). */
    static final int MAX_FEATURES = 1000;
    /** A hundred years: longer is a typo, and would overflow the time arithmetic of lookups and retrieval. */
    static final long MAX_TTL_SECONDS = 3_155_760_000L;

    public enum Outcome { CREATED, NEW_VERSION, UNCHANGED }

    public record ApplyResult(ViewSchema schema, Outcome outcome) {
    }

    /** What a client asks for; checked here, not by Bean Validation, so all errors come in one answer. */
    public record Definition(String name, List<String> entities, List<FeatureSpec> features, Long ttlSeconds,
                             String description, Map<String, String> tags) {
    }

    private final FeatureViewRepository repository;
    private final EntityRepository entities;
    private final ViewCatalog catalog;

    public FeatureViewService(FeatureViewRepository repository, EntityRepository entities, ViewCatalog catalog) {
        this.repository = repository;
        this.entities = entities;
        this.catalog = catalog;
    }

    public ApplyResult apply(Definition definition, String actor) {
        ApplyResult result = QuarkusTransaction.joiningExisting().call(() -> applyLocked(definition, actor));
        if (result.outcome() != Outcome.UNCHANGED) {
            catalog.invalidate(definition.name());
        }
        return result;
    }

    private ApplyResult applyLocked(Definition definition, String actor) {
        List<JoinKey> joinKeys = validate(definition);
        String name = definition.name();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OptionalInt latest = repository.lockLatestVersion(name);
        if (latest.isEmpty()) {
            repository.insertView(name, now);
            latest = repository.lockLatestVersion(name);
        }
        int current = latest.orElseThrow();
        ViewSchema candidate = new ViewSchema(name, current + 1, joinKeys, definition.features(),
                definition.ttlSeconds(), definition.description(), definition.tags(), now, actor);
        if (current == 0) {
            repository.insertVersion(candidate);
            return new ApplyResult(candidate, Outcome.CREATED);
        }
        ViewHistory history = repository.find(name).orElseThrow();
        ViewSchema previous = history.version(current);
        if (previous.sameDefinition(candidate)) {
            return new ApplyResult(previous, Outcome.UNCHANGED);
        }
        checkCompatible(history, candidate);
        repository.insertVersion(candidate);
        return new ApplyResult(candidate, Outcome.NEW_VERSION);
    }

    public ViewHistory get(String name) {
        return repository.find(name).orElseThrow(() -> FeatureErrors.viewNotFound(name));
    }

    public ViewSchema get(String name, int version) {
        ViewHistory history = get(name);
        ViewSchema schema = history.version(version);
        if (schema == null) {
            throw FeatureErrors.viewVersionNotFound(name, version, history.latestVersion());
        }
        return schema;
    }

    public List<ViewHistory> list() {
        return repository.list();
    }

    /**
     * Stored rows are keyed by the join keys and typed by the features, so a new version may add
     * or remove features and change the ttl, but not re-key the view or retype a feature: a
     * feature keeps the type of the latest version that had it, even if versions in between
     * dropped it (its stored values keep that type, and {@code view@1:x} still reads them).
     */
    private static void checkCompatible(ViewHistory history, ViewSchema next) {
        ViewSchema previous = history.latest();
        if (!previous.joinKeys().equals(next.joinKeys())) {
            throw PlatformException.conflict("Feature view '" + next.name() + "' is keyed by "
                    + keyNames(previous) + "; a new version cannot change its entities (" + keyNames(next)
                    + ") because stored rows are keyed by them. Create a new feature view instead.");
        }
        for (FeatureSpec f : next.features()) {
            for (int v = history.latestVersion(); v >= 1; v--) {
                ViewSchema earlier = history.version(v);
                FeatureSpec old = earlier == null ? null : earlier.feature(f.name());
                if (old == null) {
                    continue;
                }
                if (old.type() != f.type()) {
                    throw PlatformException.conflict("Feature '" + f.name() + "' of view '" + next.name() + "' is "
                            + old.type() + " in version " + earlier.version() + "; a new version cannot make it "
                            + f.type() + " because stored values keep their type. Use a new feature name.");
                }
                break;
            }
        }
    }

    private static List<String> keyNames(ViewSchema schema) {
        return schema.joinKeys().stream().map(JoinKey::name).toList();
    }

    private List<JoinKey> validate(Definition d) {
        List<FieldError> errors = new ArrayList<>();
        Names.checkResource("name", d.name(), errors);
        Names.checkDescriptionAndTags(d.description(), d.tags(), errors);
        List<JoinKey> joinKeys = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        if (d.entities() == null || d.entities().isEmpty()) {
            errors.add(new FieldError("entities", "at least one entity is required"));
        } else {
            for (int i = 0; i < d.entities().size(); i++) {
                String entityName = d.entities().get(i);
                Optional<Entity> entity = entityName == null ? Optional.empty() : entities.find(entityName);
                if (entity.isEmpty()) {
                    errors.add(new FieldError("entities[" + i + "]", "entity '" + entityName + "' does not exist"));
                } else if (!columns.add(entity.get().joinKey())) {
                    errors.add(new FieldError("entities[" + i + "]", "join key '" + entity.get().joinKey()
                            + "' is used twice"));
                } else {
                    joinKeys.add(new JoinKey(entity.get().name(), entity.get().joinKey(), entity.get().valueType()));
                }
            }
        }
        if (d.features() == null || d.features().isEmpty()) {
            errors.add(new FieldError("features", "at least one feature is required"));
        } else if (d.features().size() > MAX_FEATURES) {
            errors.add(new FieldError("features", "at most " + MAX_FEATURES + " features are allowed"));
        } else {
            for (int i = 0; i < d.features().size(); i++) {
                FeatureSpec f = d.features().get(i);
                String at = "features[" + i + "]";
                if (f == null) {
                    errors.add(new FieldError(at, "must be an object {name, type}"));
                    continue;
                }
                Names.checkColumn(at + ".name", f.name(), errors);
                if (f.type() == null) {
                    errors.add(new FieldError(at + ".type", "is required: INT64, DOUBLE, STRING or BOOL"));
                }
                if (f.name() != null && !columns.add(f.name())) {
                    errors.add(new FieldError(at + ".name", "'" + f.name() + "' is already a feature or join key of this view"));
                }
            }
        }
        if (d.ttlSeconds() == null) {
            errors.add(new FieldError("ttlSeconds", "is required (0 means values never expire)"));
        } else if (d.ttlSeconds() < 0 || d.ttlSeconds() > MAX_TTL_SECONDS) {
            errors.add(new FieldError("ttlSeconds", "must be 0 (never expire) or from 1 to " + MAX_TTL_SECONDS
                    + " (100 years)"));
        }
        if (!errors.isEmpty()) {
            throw FeatureErrors.validation("The feature view breaks " + errors.size() + " rule(s)", errors);
        }
        return joinKeys;
    }
}
