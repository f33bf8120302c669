package io.mlops.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;

/** Limits and storage of the model registry. Every property can be set as an environment variable. */
@ConfigMapping(prefix = "mlops.registry")
public interface RegistryConfig {

    /** Where artifacts live and how large they may be. */
    Artifacts artifacts();

    /** Sizes of what clients may send. */
    Limits limits();

    /** Paging of list and search endpoints. */
    Paging paging();

    /** The cache of rendered version JSON behind search, lists and {@code name@alias}. */
    VersionCache versionCache();

    /**
     * Rendered version JSON, kept per (model, version, revision). Every read still asks PostgreSQL
     * for the current revision, so replicas never serve a stale version; the cache only saves
     * reading the wide columns and building the JSON again.
     */
    interface VersionCache {

        /** Most memory the cached JSON may take (its text and its UTF-8 bytes counted); {@code 0} turns the cache off. */
        @WithDefault("64M")
        String maxSize();
    }

    /** Artifact storage. */
    interface Artifacts {

        /**
         * Root directory of the filesystem artifact store; {@code MLOPS_ARTIFACT_DIR}, else
         * {@code $MLOPS_HOME/artifacts}, else {@code ~/.mlops/artifacts}.
         */
        Path dir();

        /** Largest ONNX artifact accepted; a larger upload is refused with 413 and nothing is kept. */
        @WithDefault("256M")
        @WithName("max-size")
        String maxSize();

        /**
         * How old a file in the store must be before the orphan sweep may remove it when no version
         * names it: longer than any upload takes from its first byte to its commit.
         */
        @WithDefault("1h")
        Duration orphanGrace();

        /** How often the orphan sweep runs; {@code 0} turns it off. */
        @WithDefault("15m")
        Duration orphanSweepInterval();
    }

    /** Request size limits; each is reported in the 4xx answer that enforces it. */
    interface Limits {

        /** Largest JSON request body (every endpoint but the artifact upload). */
        @WithDefault("2M")
        String maxJsonBody();

        /** Largest {@code metadata} part of an upload; it carries the reference profile. */
        @WithDefault("32M")
        String maxMetadata();

        /** Longest tag key, as in MLflow. */
        @WithDefault("250")
        int maxTagKeyLength();

        /** Longest tag value, as in MLflow's model registry. */
        @WithDefault("5000")
        int maxTagValueLength();

        /** Most tags per model, version, experiment or run. */
        @WithDefault("100")
        int maxTags();

        /** Longest param value, as in MLflow. */
        @WithDefault("6000")
        int maxParamValueLength();

        /** Most params per run or version. */
        @WithDefault("1000")
        int maxParams();

        /** Longest description. */
        @WithDefault("20000")
        int maxDescriptionLength();

        /** Most metric values in one {@code POST /runs/{id}/metrics} batch, as in MLflow. */
        @WithDefault("1000")
        int maxMetricBatch();
    }

    /** Paging of list endpoints. */
    interface Paging {

        /** Page size when a request names none. */
        @WithDefault("100")
        int defaultPageSize();

        /** Largest page size a request may ask for. */
        @WithDefault("1000")
        int maxPageSize();
    }
}
