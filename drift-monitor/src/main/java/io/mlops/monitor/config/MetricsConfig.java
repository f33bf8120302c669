package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The per-version series the monitor exports to Prometheus. */
@ConfigMapping(prefix = "mlops.monitor.metrics")
public interface MetricsConfig {

    /**
     * A version's drift and performance gauges are removed once it has closed no window and joined
     * no label for this long (and for at least two of its model's window durations): a retired
     * version's last verdict would otherwise stay exported, and its alert keep firing, for ever.
     * They come back with its next window or label.
     */
    @WithDefault("PT1H")
    Duration retireAfter();
}
