package io.mlops.features.offline.service;

import io.mlops.common.error.FieldError;
import io.mlops.features.config.OfflineConfig;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.error.Names;
import io.mlops.features.offline.repository.PointInTimeQuery;
import io.mlops.features.online.service.LookupPlan.ViewGroup;
import io.mlops.features.online.service.LookupPlan;
import io.mlops.features.online.service.LookupPlanner;
import io.mlops.features.view.service.EntityKeys;
import io.mlops.features.view.service.EventTimes;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Point-in-time correct training data: for each entity row, each feature's newest value at or
 * before the row's timestamp and within the view's ttl. Everything a client can get wrong is
 * checked in {@link #prepare} before the first byte of the result is sent.
 */
@ApplicationScoped
public class HistoricalRetrievalService {

    private final LookupPlanner planner;
    private final PointInTimeQuery query;
    private final OfflineConfig config;

    public HistoricalRetrievalService(LookupPlanner planner, PointInTimeQuery query, OfflineConfig config) {
        this.planner = planner;
        this.query = query;
        this.config = config;
    }

    public PreparedRetrieval prepare(HistoricalRequest request) {
        LookupPlan plan = planner.plan(request.features(), request.featureService(),
                Boolean.TRUE.equals(request.fullFeatureNames()), false);
        List<Map<String, Object>> rows = request.entityRows();
        if (rows == null || rows.isEmpty()) {
            throw FeatureErrors.validation("entityRows", "entityRows is required: [{\"" + plan.joinKeys().get(0)
                    + "\": ..., \"event_timestamp\": \"...\"}]");
        }
        if (rows.size() > config.maxEntityRows()) {
            throw FeatureErrors.tooLarge("The request has " + rows.size() + " entity rows; at most "
                    + config.maxEntityRows() + " are accepted (mlops.features.offline.max-entity-rows)");
        }
        List<String> featureNames = plan.outputNames().subList(plan.joinKeys().size(), plan.outputNames().size());
        ViewGroup[] groups = plan.groups();
        String[] timestamps = new String[rows.size()];
        String[][] groupKeys = new String[groups.length][rows.size()];
        Set<String> columns = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        Object[] keyValues = new Object[plan.joinKeys().size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            String at = "entityRows[" + i + "]";
            if (row == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            columns.addAll(row.keySet());
            boolean ok = true;
            for (int k = 0; k < keyValues.length; k++) {
                String key = plan.joinKeys().get(k);
                try {
                    keyValues[k] = EntityKeys.checkValue(plan.joinKeyTypes()[k], row.get(key));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(at + "." + key, e.getMessage()));
                    ok = false;
                }
            }
            timestamps[i] = timestamp(row.get(Names.EVENT_TIMESTAMP), at, errors);
            if (!ok || timestamps[i] == null) {
                continue;
            }
            for (int g = 0; g < groups.length; g++) {
                int[] keyColumns = groups[g].keyColumns();
                Object[] values = new Object[keyColumns.length];
                for (int k = 0; k < keyColumns.length; k++) {
                    values[k] = keyValues[keyColumns[k]];
                }
                groupKeys[g][i] = EntityKeys.encode(values);
            }
        }
        Set<String> clash = new HashSet<>(featureNames);
        clash.retainAll(columns);
        for (String name : clash) {
            errors.add(new FieldError("entityRows", "column '" + name + "' is also a requested feature's name;"
                    + " rename it or set fullFeatureNames"));
        }
        if (!errors.isEmpty()) {
            throw FeatureErrors.validation("The entity rows break " + errors.size() + " rule(s); first: "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return new PreparedRetrieval(plan, rows, timestamps, groupKeys, List.copyOf(columns), featureNames);
    }

    public void stream(PreparedRetrieval retrieval, HistoricalSink sink) throws IOException {
        query.run(retrieval, sink, config.fetchSize(), config.statementTimeout());
    }

    private static String timestamp(Object raw, String at, List<FieldError> errors) {
        try {
            return EventTimes.parse(raw).toString();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(at + "." + Names.EVENT_TIMESTAMP, e.getMessage()));
            return null;
        }
    }
}
