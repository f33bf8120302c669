package io.mlops.monitor.reference.client;

import io.mlops.events.registry.ModelVersion;

/**
 * What the registry knows about a version.
 *
 * @param version {@code null} when the registry says the model or version does not exist
 * @param profileJson the reference profile as the registry serves it, {@code null} without one
 * @param note why there is no usable profile, {@code null} when there is one
 */
public record RegistryVersion(ModelVersion version, String profileJson, String note) {

    public boolean exists() {
        return version != null;
    }
}
