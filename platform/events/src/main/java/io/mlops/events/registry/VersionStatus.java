package io.mlops.events.registry;

/** Lifecycle of a model version; only READY versions are served. */
public enum VersionStatus {
    READY,
    ARCHIVED
}
