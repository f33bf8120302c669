package io.mlops.features.online.rest;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /online-features}, Feast's shape; Feast's snake_case spellings are accepted
 * too so a Feast client's JSON works unchanged.
 *
 * @param entities join key to its values, one per entity row (a single value stands for one row)
 */
public record OnlineFeaturesRequest(List<String> features,
                                    @JsonAlias("feature_service") String featureService,
                                    Map<String, Object> entities,
                                    @JsonAlias("full_feature_names") Boolean fullFeatureNames) {

    public boolean fullNames() {
        return Boolean.TRUE.equals(fullFeatureNames);
    }
}
