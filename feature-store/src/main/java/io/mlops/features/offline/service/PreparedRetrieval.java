package io.mlops.features.offline.service;

import io.mlops.features.online.service.LookupPlan;
import java.util.List;
import java.util.Map;

/**
 * A validated historical request, ready to run: the plan, the entity rows, and per view group the
 * stored entity key of every row.
 *
 * @param timestamps each row's {@code event_timestamp}, normalized to RFC 3339 UTC
 * @param groupKeys {@code groupKeys[g][i]} is row i's stored key for the plan's view group g
 */
public record PreparedRetrieval(LookupPlan plan, List<Map<String, Object>> rows, String[] timestamps,
                                String[][] groupKeys, List<String> entityColumns, List<String> featureNames) {
}
