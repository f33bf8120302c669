package io.mlops.inference.traffic.service;

import io.mlops.events.inference.Arm;
import io.mlops.inference.model.runtime.LoadedModel;

/**
 * Where one request runs: the version that answers it (with a reference held until
 * {@link #releasePrimary()}), and the version that shadows it, if any (its reference goes to the
 * shadow run, which releases it).
 */
public record Routed(LoadedModel primary, Arm arm, String alias, LoadedModel shadow, String shadowAlias,
                     Deployment deployment) {

    public void releasePrimary() {
        primary.release();
    }
}
