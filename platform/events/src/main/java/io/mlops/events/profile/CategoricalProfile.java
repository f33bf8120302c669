package io.mlops.events.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.TreeMap;

/** A categorical reference distribution: how often each category occurred. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CategoricalProfile(long count, long nullCount, Map<String, Long> counts) implements FeatureProfile {

    public CategoricalProfile {
        counts = counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
