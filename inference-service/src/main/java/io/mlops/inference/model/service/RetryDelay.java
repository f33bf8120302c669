package io.mlops.inference.model.service;

import io.mlops.inference.config.ModelsConfig;

/** Exponential backoff of the lifecycle's retries (loads, registry syncs, deployment re-reads). */
public final class RetryDelay {

    private RetryDelay() {
    }

    /**
     * The wait after {@code failures} failures in a row: {@code retry-backoff}, doubled for every
     * further failure, at most {@code max-retry-backoff}.
     */
    public static long afterMillis(ModelsConfig config, int failures) {
        return Math.min(config.maxRetryBackoff().toMillis(),
                config.retryBackoff().toMillis() << Math.min(Math.max(failures, 1) - 1, 20));
    }
}
