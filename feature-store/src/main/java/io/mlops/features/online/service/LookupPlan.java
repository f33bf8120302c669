package io.mlops.features.online.service;

import io.mlops.features.entity.service.KeyType;
import io.mlops.features.view.service.ViewSchema;
import java.util.List;

/**
 * How to answer one list of feature references, worked out once and cached: which views to read,
 * which join keys the request must carry, and where each feature goes in the response.
 *
 * @param joinKeys every join key the views need, in the order they first appear
 * @param outputNames the response's {@code feature_names}: join keys, then features
 */
public record LookupPlan(List<String> joinKeys, KeyType[] joinKeyTypes, ViewGroup[] groups, List<String> outputNames,
                         int featureCount) {

    /**
     * The features read from one view version.
     *
     * @param keyColumns for each join key of the view, its index in {@link LookupPlan#joinKeys()}
     * @param columns for each feature, its result column among the features (join keys not counted)
     */
    public record ViewGroup(ViewSchema view, int[] keyColumns, String[] features, int[] columns) {
    }
}
