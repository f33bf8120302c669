package io.mlops.features.online.service;

/** Feast's per-value status in online responses. */
public enum FeatureStatus {
    /** A value within the view's ttl. */
    PRESENT,
    /** The key has a row, but this feature is null in it. */
    NULL_VALUE,
    /** No online row for the key. */
    NOT_FOUND,
    /** The row is older than the view's ttl: its value is withheld, never served stale. */
    OUTSIDE_MAX_AGE
}
