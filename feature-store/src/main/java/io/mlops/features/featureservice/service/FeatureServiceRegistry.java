package io.mlops.features.featureservice.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.mlops.common.error.FieldError;
import io.mlops.features.config.DefinitionsConfig;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.error.Names;
import io.mlops.features.featureservice.repository.FeatureServiceRepository;
import io.mlops.features.view.service.FeatureRef;
import io.mlops.features.view.service.FeatureResolver;
import io.mlops.features.view.service.ResolvedFeature;
import io.mlops.features.view.service.ViewCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Applies and reads feature services. References are pinned to the view version current when the
 * service is applied: a model's inputs then never change under it when a view gets a new version;
 * applying the service again moves it to the views' latest versions.
 */
@ApplicationScoped
public class FeatureServiceRegistry {

    public record ApplyResult(FeatureServiceDefinition definition, boolean created, boolean changed) {
    }

    private final FeatureServiceRepository repository;
    private final FeatureResolver resolver;
    private final LoadingCache<String, FeatureServiceDefinition> cache;
    private final ViewCatalog catalog;

    public FeatureServiceRegistry(FeatureServiceRepository repository, FeatureResolver resolver, DefinitionsConfig config,
                                  ViewCatalog catalog) {
        this.catalog = catalog;
        this.repository = repository;
        this.resolver = resolver;
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .refreshAfterWrite(config.refreshInterval().toMillis(), TimeUnit.MILLISECONDS)
                // As for views: the read that starts a refresh gets the old value, so bound its age.
                .expireAfterWrite(config.refreshInterval().toMillis() * 2, TimeUnit.MILLISECONDS)
                .build(name -> repository.find(name).orElse(null));
    }

    public ApplyResult apply(String name, List<String> features, String description, Map<String, String> tags,
                             String actor) {
        List<FieldError> errors = new ArrayList<>();
        Names.checkResource("name", name, errors);
        Names.checkDescriptionAndTags(description, tags, errors);
        if (features == null || features.isEmpty()) {
            errors.add(new FieldError("features", "at least one feature reference is required"));
        }
        if (!errors.isEmpty()) {
            throw FeatureErrors.validation("The feature service breaks " + errors.size() + " rule(s)", errors);
        }
        // Pinned for good: read the views as stored, not as cached (another replica may have moved one on).
        features.stream().map(FeatureRef::parse).filter(Objects::nonNull).map(FeatureRef::view).distinct()
                .forEach(catalog::reload);
        List<ResolvedFeature> resolved = resolver.resolve(features, "features");
        List<String> pinned = new ArrayList<>(resolved.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < resolved.size(); i++) {
            ResolvedFeature f = resolved.get(i);
            String ref = FeatureRef.parse(f.ref()).pinned(f.view().version()).toString();
            if (!seen.add(ref)) {
                errors.add(new FieldError("features[" + i + "]", "'" + f.ref() + "' is listed twice"));
            }
            pinned.add(ref);
        }
        if (!errors.isEmpty()) {
            throw FeatureErrors.validation("The feature service lists a feature twice", errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, String> cleanTags = tags == null ? Map.of() : Map.copyOf(tags);
        FeatureServiceDefinition existing = repository.find(name).orElse(null);
        if (existing != null && existing.features().equals(pinned)
                && Objects.equals(existing.description(), description) && existing.tags().equals(cleanTags)) {
            return new ApplyResult(existing, false, false);
        }
        FeatureServiceDefinition next = existing == null
                ? new FeatureServiceDefinition(name, pinned, description, cleanTags, now, actor, now, actor)
                : new FeatureServiceDefinition(name, pinned, description, cleanTags, existing.createdAt(),
                        existing.createdBy(), now, actor);
        repository.upsert(next);
        cache.invalidate(name);
        catalog.definitionsChanged();
        return new ApplyResult(repository.find(name).orElse(next), existing == null, true);
    }

    /**
     * Deletes a feature service; the views and data it names are untouched. Other replicas stop
     * answering for it within the definitions refresh interval.
     */
    public void delete(String name) {
        if (!repository.delete(name)) {
            throw FeatureErrors.featureServiceNotFound(name);
        }
        cache.invalidate(name);
        catalog.definitionsChanged();
    }

    public FeatureServiceDefinition get(String name) {
        FeatureServiceDefinition found = cache.get(name);
        if (found == null) {
            throw FeatureErrors.featureServiceNotFound(name);
        }
        return found;
    }

    /** The cached definition, or null when not cached; never blocks. */
    public FeatureServiceDefinition cached(String name) {
        return cache.getIfPresent(name);
    }

    public List<FeatureServiceDefinition> list() {
        return repository.list();
    }
}
