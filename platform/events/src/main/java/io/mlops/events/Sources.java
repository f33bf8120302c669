package io.mlops.events;

/** The CloudEvents {@code source} of each service, {@code /mlops/<service>}. */
public final class Sources {

    public static final String MODEL_REGISTRY = "/mlops/model-registry";
    public static final String FEATURE_STORE = "/mlops/feature-store";
    public static final String INFERENCE_SERVICE = "/mlops/inference-service";
    public static final String DRIFT_MONITOR = "/mlops/drift-monitor";

    private Sources() {
    }
}
