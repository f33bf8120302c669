package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Hysteresis of alerts, so a flapping verdict does not flood the alert topic. */
@ConfigMapping(prefix = "mlops.monitor.alerts")
public interface AlertConfig {

    /** {@code drift.detected} after this many consecutive drifted windows. */
    @WithDefault("2")
    int detectAfter();

    /** {@code drift.resolved} after this many consecutive clean windows once detected. */
    @WithDefault("2")
    int resolveAfter();

    /**
     * Whether single columns raise their own alerts (scope {@code feature}) by default; the dataset
     * alert always does. A model's settings can turn it on per column.
     */
    @WithDefault("false")
    boolean featureAlerts();
}
