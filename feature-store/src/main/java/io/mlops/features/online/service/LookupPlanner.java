package io.mlops.features.online.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mlops.common.error.FieldError;
import io.mlops.features.config.DefinitionsConfig;
import io.mlops.features.entity.service.KeyType;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.featureservice.service.FeatureServiceDefinition;
import io.mlops.features.featureservice.service.FeatureServiceRegistry;
import io.mlops.features.online.service.LookupPlan.ViewGroup;
import io.mlops.features.view.service.FeatureResolver;
import io.mlops.features.view.service.JoinKey;
import io.mlops.features.view.service.ResolvedFeature;
import io.mlops.features.view.service.ViewCatalog;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds and caches {@link LookupPlan}s, so a repeated request (the normal case: one model asks
 * for the same features every time) costs one hash lookup instead of parsing and resolving refs.
 * Plans are keyed by the catalog generation, so local definition changes take effect at once.
 */
@ApplicationScoped
public class LookupPlanner {

    private record PlanKey(List<String> features, String featureService, boolean fullNames, long generation) {
    }

    private final FeatureResolver resolver;
    private final FeatureServiceRegistry services;
    private final ViewCatalog catalog;
    private final Cache<PlanKey, LookupPlan> plans;

    public LookupPlanner(FeatureResolver resolver, FeatureServiceRegistry services, ViewCatalog catalog,
                         DefinitionsConfig config) {
        this.resolver = resolver;
        this.services = services;
        this.catalog = catalog;
        this.plans = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(config.refreshInterval().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /**
     * The plan, or null when {@code cachedOnly} and a definition is not in memory (the caller then
     * retries on a worker thread with {@code cachedOnly} false).
     */
    public LookupPlan plan(List<String> features, String featureService, boolean fullNames, boolean cachedOnly) {
        if (features != null && !features.isEmpty() && featureService != null) {
            throw FeatureErrors.validation("featureService", "Give either features or featureService, not both");
        }
        PlanKey key = new PlanKey(features, featureService, fullNames, catalog.generation());
        LookupPlan plan = plans.getIfPresent(key);
        if (plan != null) {
            return plan;
        }
        List<ResolvedFeature> resolved;
        if (featureService != null) {
            FeatureServiceDefinition service = cachedOnly ? services.cached(featureService) : services.get(featureService);
            if (service == null) {
                return null;
            }
            resolved = cachedOnly ? resolver.resolveCached(service.features(), "featureService")
                    : resolver.resolve(service.features(), "featureService");
        } else {
            resolved = cachedOnly ? resolver.resolveCached(features, "features") : resolver.resolve(features, "features");
        }
        if (resolved == null) {
            return null;
        }
        plan = build(resolved, fullNames);
        plans.put(key, plan);
        return plan;
    }

    /** Groups resolved features by view version and names the result columns; 422 when names collide. */
    public static LookupPlan build(List<ResolvedFeature> resolved, boolean fullNames) {
        List<String> joinKeys = new ArrayList<>();
        List<KeyType> keyTypes = new ArrayList<>();
        Map<String, List<Integer>> featuresByView = new LinkedHashMap<>();
        Map<String, ViewSchema> views = new HashMap<>();
        for (int i = 0; i < resolved.size(); i++) {
            ResolvedFeature f = resolved.get(i);
            String viewKey = f.view().toString();
            views.put(viewKey, f.view());
            featuresByView.computeIfAbsent(viewKey, v -> new ArrayList<>()).add(i);
            for (JoinKey k : f.view().joinKeys()) {
                int at = joinKeys.indexOf(k.name());
                if (at < 0) {
                    joinKeys.add(k.name());
                    keyTypes.add(k.type());
                } else if (keyTypes.get(at) != k.type()) {
                    throw FeatureErrors.validation("features", "Join key '" + k.name() + "' is " + keyTypes.get(at)
                            + " in one view and " + k.type() + " in view '" + f.view().name() + "'");
                }
            }
        }
        List<String> names = new ArrayList<>(joinKeys);
        Map<String, String> seen = new HashMap<>();
        List<FieldError> collisions = new ArrayList<>();
        for (String k : joinKeys) {
            seen.put(k, "join key " + k);
        }
        for (int i = 0; i < resolved.size(); i++) {
            String name = resolved.get(i).outputName(fullNames);
            String previous = seen.putIfAbsent(name, resolved.get(i).ref());
            if (previous != null) {
                collisions.add(new FieldError("features[" + i + "]", "'" + resolved.get(i).ref() + "' and " + previous
                        + " both answer as '" + name + "'" + (fullNames ? "" : "; set fullFeatureNames")));
            }
            names.add(name);
        }
        if (!collisions.isEmpty()) {
            throw FeatureErrors.validation("Feature names collide in the response", collisions);
        }
        List<ViewGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : featuresByView.entrySet()) {
            ViewSchema view = views.get(e.getKey());
            int[] keyColumns = view.joinKeys().stream().mapToInt(k -> joinKeys.indexOf(k.name())).toArray();
            String[] features = e.getValue().stream().map(i -> resolved.get(i).spec().name()).toArray(String[]::new);
            int[] columns = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            groups.add(new ViewGroup(view, keyColumns, features, columns));
        }
        return new LookupPlan(List.copyOf(joinKeys), keyTypes.toArray(KeyType[]::new), groups.toArray(ViewGroup[]::new),
                List.copyOf(names), resolved.size());
    }
}
