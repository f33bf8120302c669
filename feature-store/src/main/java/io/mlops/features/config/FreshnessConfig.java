package io.mlops.features.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-view freshness gauge. */
@ConfigMapping(prefix = "mlops.features.freshness")
public interface FreshnessConfig {

    /**
     * How often the newest online event time of every view is read back from PostgreSQL, so the
     * gauge also reflects writes made by other replicas. Read by the scheduler as
     * {@code mlops.features.freshness.refresh-interval}; declared here to be documented.
     */
    @WithDefault("15s")
    String refreshInterval();
}
