package io.mlops.registry.version.repository;

/**
 * Names one state of a version: its row and the revision that row had. Model ids are never reused
 * and version numbers come from a per-model sequence, so equal keys always mean equal JSON.
 */
public record VersionKey(long modelId, int version, long revision) {
}
