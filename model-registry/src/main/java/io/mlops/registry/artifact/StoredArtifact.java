package io.mlops.registry.artifact;

/** What {@link ArtifactStore#put} wrote: the key, the hex SHA-256 of the bytes and their count. */
public record StoredArtifact(String key, String sha256, long sizeBytes) {
}
