package io.mlops.monitor.labels.service;

import io.mlops.monitor.reference.service.MonitoredVersion;
import java.util.List;
import java.util.Map;

/** A version's reference feature names and their positions: the names {@link FeatureCodec} packs as indexes. */
public record FeatureDictionary(List<String> names, Map<String, Integer> index) {

    /** The dictionary of a version, or {@code null} when it has no reference profile. */
    public static FeatureDictionary of(MonitoredVersion version) {
        return version.reference().map(r -> {
            List<String> names = List.copyOf(r.features().keySet());
            return new FeatureDictionary(names, FeatureCodec.index(names));
        }).orElse(null);
    }
}
