package io.mlops.registry.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The registry's own Prometheus metrics (API.md "Metrics"); names are constants so dashboards can rely on them. */
@ApplicationScoped
public class RegistryMetrics {

    /** Exported as {@code mlops_registry_model_versions_total{model}}. */
    public static final String MODEL_VERSIONS = "mlops.registry.model.versions";
    /** Exported as {@code mlops_registry_alias_changes_total{model,alias}}. */
    public static final String ALIAS_CHANGES = "mlops.registry.alias.changes";
    /** Exported as {@code mlops_registry_artifact_bytes_total}. */
    public static final String ARTIFACT_BYTES = "mlops.registry.artifact.bytes";

    private final MeterRegistry registry;
    private final Counter artifactBytes;

    public RegistryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.artifactBytes = Counter.builder(ARTIFACT_BYTES)
                .description("Bytes of ONNX artifacts stored")
                .register(registry);
    }

    public void versionCreated(String model, long artifactSize) {
        Counter.builder(MODEL_VERSIONS).description("Model versions registered")
                .tag("model", model).register(registry).increment();
        artifactBytes.increment(artifactSize);
    }

    public void aliasChanged(String model, String alias) {
        Counter.builder(ALIAS_CHANGES).description("Alias moves and deletions")
                .tag("model", model).tag("alias", alias).register(registry).increment();
    }
}
