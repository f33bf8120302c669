package io.mlops.inference.traffic.service;

import io.mlops.inference.predict.service.MissingFeaturePolicy;
import io.mlops.inference.traffic.repository.DeploymentEntity;
import java.time.Instant;

/**
 * A model's traffic split as every replica applies it.
 *
 * @param challenger null when all traffic goes to the champion
 * @param challengerPercent share of requests (by request-id hash) the challenger answers; ignored with shadow
 * @param shadow the challenger sees every request, its answers are logged and never returned
 * @param missingFeatures this model's policy, or null for the service-wide one
 * @param revision 0 for a model whose split was never set
 */
public record Deployment(String model, String champion, String challenger, int challengerPercent, boolean shadow,
                         MissingFeaturePolicy missingFeatures, long revision, Instant updatedAt, String updatedBy) {

    /** What a model without a stored deployment gets: its champion alias takes all traffic. */
    public static Deployment defaultFor(String model, String championAlias) {
        return new Deployment(model, championAlias, null, 0, false, null, 0, null, null);
    }

    public static Deployment of(DeploymentEntity e) {
        return new Deployment(e.model, e.champion, e.challenger, e.challengerPercent, e.shadow,
                e.missingFeatures == null ? null : MissingFeaturePolicy.parse(e.missingFeatures),
                e.revision, e.updatedAt, e.updatedBy);
    }

    /** True when some requests run on the challenger, answered or in shadow. */
    public boolean routesToChallenger() {
        return challenger != null && (shadow || challengerPercent > 0);
    }
}
