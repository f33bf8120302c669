package io.mlops.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Which models this replica loads, where it caches their artifacts, and how it retries. */
@ConfigMapping(prefix = "mlops.inference.models")
public interface ModelsConfig {

    /** Local directory of downloaded artifacts; a restart reuses files whose sha256 still matches. */
    Path cacheDir();

    /** The alias every model is served under when no deployment names another. */
    @WithDefault("champion")
    String championAlias();

    /** Attempts per load before giving up on a version (the previous one keeps serving). */
    @WithDefault("5")
    int loadAttempts();

    /** Wait before the first retry of a failed load; doubled on each further attempt. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Upper bound of the retry wait, also for the initial registry sync. */
    @WithDefault("30s")
    Duration maxRetryBackoff();

    /** How often the full list of models is read again, healing any event this replica missed. */
    @WithDefault("5m")
    Duration resyncInterval();

    /** Loads that may run at the same time (different models); loads of one model are serial. */
    @WithDefault("2")
    int loadConcurrency();

    /** Dummy batches run on a new session before it takes traffic, so the first request is not slow. */
    @WithDefault("3")
    int warmupRuns();

    /**
     * ONNX Runtime threads per inference. One is right for small models under concurrent load,
     * where parallelism comes from concurrent requests; raise it for large models.
     */
    @WithDefault("1")
    int intraOpThreads();

    /**
     * Longest wait for one registry call. For an artifact download it is the read timeout: the
     * longest wait for the next bytes, not for the whole file, so a registry that stalls mid-way
     * fails the load (which is retried) instead of hanging it.
     */
    @WithDefault("30s")
    Duration registryTimeout();

    /** Longest wait for a connection to the registry, for every call and download. */
    @WithDefault("2s")
    Duration registryConnectTimeout();
}
