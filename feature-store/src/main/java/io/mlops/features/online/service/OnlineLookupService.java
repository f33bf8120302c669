package io.mlops.features.online.service;

import io.mlops.features.config.OnlineConfig;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.metrics.FeatureMetrics;
import io.mlops.features.online.rest.OnlineFeaturesRequest;
import io.mlops.features.online.rest.OnlineFeaturesResponse.FeatureVector;
import io.mlops.features.online.rest.OnlineFeaturesResponse.Metadata;
import io.mlops.features.online.rest.OnlineFeaturesResponse;
import io.mlops.features.online.service.LookupPlan.ViewGroup;
import io.mlops.features.online.service.OnlineCache.Key;
import io.mlops.features.view.service.EntityKeys;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Answers online lookups: one cache read per (view, entity key), however many features the view
 * contributes; misses are loaded with one query per view. Values older than their view's ttl are
 * withheld with OUTSIDE_MAX_AGE, never served stale.
 */
@ApplicationScoped
public class OnlineLookupService {

    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private final LookupPlanner planner;
    private final OnlineCache cache;
    private final FeatureMetrics metrics;
    private final int maxEntities;

    public OnlineLookupService(LookupPlanner planner, OnlineCache cache, FeatureMetrics metrics, OnlineConfig config) {
        this.planner = planner;
        this.cache = cache;
        this.metrics = metrics;
        this.maxEntities = config.maxEntitiesPerRequest();
    }

    /**
     * The answer, without blocking the calling event-loop thread: a request whose definitions and
     * rows are all cached (the steady state) is answered right here, with no thread hop; anything
     * that needs PostgreSQL is moved to a worker thread.
     */
    public Uni<OnlineFeaturesResponse> lookupAsync(OnlineFeaturesRequest request) {
        if (request == null) {
            throw FeatureErrors.validation("$", "A JSON body is required");
        }
        OnlineFeaturesResponse cached = lookupCached(request);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Uni.createFrom().item(() -> lookup(request)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The answer from memory alone, or null if anything must be read from PostgreSQL. Never blocks. */
    public OnlineFeaturesResponse lookupCached(OnlineFeaturesRequest request) {
        return lookup(request, true);
    }

    /** The answer, reading PostgreSQL for what is not cached. Blocks. */
    public OnlineFeaturesResponse lookup(OnlineFeaturesRequest request) {
        return lookup(request, false);
    }

    private OnlineFeaturesResponse lookup(OnlineFeaturesRequest request, boolean cachedOnly) {
        long start = System.nanoTime();
        LookupPlan plan = planner.plan(request.features(), request.featureService(), request.fullNames(), cachedOnly);
        if (plan == null) {
            return null;
        }
        Object[][] keyColumns = EntityRows.parse(plan, request.entities(), maxEntities);
        int rows = keyColumns.length == 0 ? 0 : keyColumns[0].length;
        ViewGroup[] groups = plan.groups();
        OnlineRow[][] found = new OnlineRow[groups.length][rows];
        Key[][] keys = new Key[groups.length][rows];
        List<Key> missing = null;
        int hits = 0;
        for (int g = 0; g < groups.length; g++) {
            ViewGroup group = groups[g];
            for (int r = 0; r < rows; r++) {
                Key key = new Key(group.view().name(), storedKey(group, keyColumns, r));
                keys[g][r] = key;
                OnlineRow row = cache.getIfPresent(key);
                if (row == null) {
                    if (cachedOnly) {
                        return null;
                    }
                    missing = missing == null ? new ArrayList<>() : missing;
                    missing.add(key);
                } else {
                    found[g][r] = row;
                    hits++;
                }
            }
        }
        if (missing != null) {
            Map<Key, OnlineRow> loaded = cache.getAll(missing);
            for (int g = 0; g < groups.length; g++) {
                for (int r = 0; r < rows; r++) {
                    if (found[g][r] == null) {
                        found[g][r] = loaded.getOrDefault(keys[g][r], OnlineRow.ABSENT);
                    }
                }
            }
        }
        OnlineFeaturesResponse response = respond(plan, keyColumns, found, rows);
        metrics.cacheHits(hits);
        metrics.cacheMisses(missing == null ? 0 : missing.size());
        metrics.lookupNanos(System.nanoTime() - start);
        return response;
    }

    private static String storedKey(ViewGroup group, Object[][] keyColumns, int row) {
        int[] columns = group.keyColumns();
        if (columns.length == 1) {
            return EntityKeys.encode(keyColumns[columns[0]][row]);
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = keyColumns[columns[i]][row];
        }
        return EntityKeys.encode(values);
    }

    private static OnlineFeaturesResponse respond(LookupPlan plan, Object[][] keyColumns, OnlineRow[][] found, int rows) {
        List<FeatureVector> results = new ArrayList<>(keyColumns.length + plan.featureCount());
        String[] epochs = new String[rows];
        Arrays.fill(epochs, EPOCH);
        FeatureStatus[] present = new FeatureStatus[rows];
        Arrays.fill(present, FeatureStatus.PRESENT);
        for (Object[] column : keyColumns) {
            results.add(new FeatureVector(column, present, epochs));
        }
        FeatureVector[] features = new FeatureVector[plan.featureCount()];
        long nowMillis = System.currentTimeMillis();
        for (int g = 0; g < plan.groups().length; g++) {
            ViewGroup group = plan.groups()[g];
            long ttlMillis = group.view().ttlSeconds() * 1000L;
            for (int f = 0; f < group.features().length; f++) {
                Object[] values = new Object[rows];
                FeatureStatus[] statuses = new FeatureStatus[rows];
                String[] timestamps = new String[rows];
                for (int r = 0; r < rows; r++) {
                    OnlineRow row = found[g][r];
                    timestamps[r] = row.eventTimestamp();
                    if (row.absent()) {
                        statuses[r] = FeatureStatus.NOT_FOUND;
                    } else if (ttlMillis > 0 && nowMillis - row.eventTs().toEpochMilli() > ttlMillis) {
                        statuses[r] = FeatureStatus.OUTSIDE_MAX_AGE;
                    } else {
                        Object value = row.values().get(group.features()[f]);
                        values[r] = value;
                        // Every version's row names all its features (null for no value), so a
                        // feature missing from it was not in the version that wrote it: a feature
                        // dropped by a later version, read through an older pin, or added since.
                        statuses[r] = value != null ? FeatureStatus.PRESENT
                                : row.values().containsKey(group.features()[f]) ? FeatureStatus.NULL_VALUE
                                : FeatureStatus.NOT_FOUND;
                    }
                }
                features[group.columns()[f]] = new FeatureVector(values, statuses, timestamps);
            }
        }
        results.addAll(Arrays.asList(features));
        return new OnlineFeaturesResponse(new Metadata(plan.outputNames()), results);
    }
}
