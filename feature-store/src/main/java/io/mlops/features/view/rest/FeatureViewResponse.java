package io.mlops.features.view.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.features.view.service.FeatureSpec;
import io.mlops.features.view.service.JoinKey;
import io.mlops.features.view.service.ViewHistory;
import io.mlops.features.view.service.ViewSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a feature view. {@code versions} and {@code stats} are only filled in when the
 * view itself (not one version) is shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureViewResponse(String name, int version, int latestVersion, List<String> entities,
                                  List<JoinKey> joinKeys, List<FeatureSpec> features, long ttlSeconds,
                                  String description, Map<String, String> tags, Instant createdAt, String createdBy,
                                  List<Integer> versions, ViewStatsResponse stats) {

    /** Write statistics of a view: how fresh its stores are and how far it is materialized. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ViewStatsResponse(Instant onlineNewestEventTimestamp, Instant offlineNewestEventTimestamp,
                                    Instant lastWriteAt, Instant materializedUntil) {
    }

    public static FeatureViewResponse of(ViewSchema s, int latestVersion) {
        return new FeatureViewResponse(s.name(), s.version(), latestVersion,
                s.joinKeys().stream().map(JoinKey::entity).toList(), s.joinKeys(), s.features(), s.ttlSeconds(),
                s.description(), s.tags(), s.createdAt(), s.createdBy(), null, null);
    }

    public static FeatureViewResponse of(ViewHistory h, ViewStatsResponse stats) {
        ViewSchema s = h.latest();
        return new FeatureViewResponse(s.name(), s.version(), h.latestVersion(),
                s.joinKeys().stream().map(JoinKey::entity).toList(), s.joinKeys(), s.features(), s.ttlSeconds(),
                s.description(), s.tags(), s.createdAt(), s.createdBy(),
                h.versions().keySet().stream().sorted().toList(), stats);
    }
}
