package io.mlops.registry.version.repository;

import io.mlops.events.registry.ModelVersion;

/** A stored version: its JSON plus what only the registry needs (row keys, artifact key, revision). */
public record VersionRow(long modelId, ModelVersion json, String artifactKey, long revision, Long datasetVersionId) {

    /** This row's identity and revision: what its rendered JSON is cached under. */
    public VersionKey key() {
        return new VersionKey(modelId, json.version(), revision);
    }
}
