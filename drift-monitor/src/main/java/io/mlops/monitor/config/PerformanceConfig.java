package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live model quality from joined labels. */
@ConfigMapping(prefix = "mlops.monitor.performance")
public interface PerformanceConfig {

    /** Metrics are computed over the latest this many labelled predictions of a version. */
    @WithDefault("1000")
    int window();

    /** No metric is reported or alerted on before a version has this many labels. */
    @WithDefault("100")
    int minLabels();

    /** Degradation is judged again after this many new labels. */
    @WithDefault("100")
    int evaluateEvery();

    /**
     * {@code performance.degraded} when a metric is worse than the one registered with the version
     * (e.g. its offline {@code auc}) by more than this (absolute).
     */
    @WithDefault("0.05")
    double maxDrop();
}
