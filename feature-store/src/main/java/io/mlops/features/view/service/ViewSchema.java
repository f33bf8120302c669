package io.mlops.features.view.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable version of a feature view: its join keys, its features and their types, and how
 * long a value stays valid. Rows ingested into the view are checked against its latest version;
 * reads may pin any version.
 */
public final class ViewSchema {

    private final String name;
    private final int version;
    private final List<JoinKey> joinKeys;
    private final List<FeatureSpec> features;
    private final long ttlSeconds;
    private final String description;
    private final Map<String, String> tags;
    private final Instant createdAt;
    private final String createdBy;
    private final Map<String, FeatureSpec> byName;

    public ViewSchema(String name, int version, List<JoinKey> joinKeys, List<FeatureSpec> features, long ttlSeconds,
                      String description, Map<String, String> tags, Instant createdAt, String createdBy) {
        this.name = name;
        this.version = version;
        this.joinKeys = List.copyOf(joinKeys);
        this.features = List.copyOf(features);
        this.ttlSeconds = ttlSeconds;
        this.description = description;
        this.tags = tags == null ? Map.of() : Map.copyOf(tags);
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.byName = new HashMap<>(features.size() * 2);
        for (FeatureSpec f : features) {
            byName.put(f.name(), f);
        }
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public List<JoinKey> joinKeys() {
        return joinKeys;
    }

    public List<FeatureSpec> features() {
        return features;
    }

    /** The feature of that name, or null. */
    public FeatureSpec feature(String featureName) {
        return byName.get(featureName);
    }

    /** 0 means values never expire, as in Feast. */
    public long ttlSeconds() {
        return ttlSeconds;
    }

    public String description() {
        return description;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    /** True when the other version defines the same thing (who made it and when aside). */
    public boolean sameDefinition(ViewSchema other) {
        return joinKeys.equals(other.joinKeys) && features.equals(other.features) && ttlSeconds == other.ttlSeconds
                && Objects.equals(description, other.description) && tags.equals(other.tags);
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
