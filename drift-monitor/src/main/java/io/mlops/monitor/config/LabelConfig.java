package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Joining feedback labels to predictions. */
@ConfigMapping(prefix = "mlops.monitor.labels")
public interface LabelConfig {

    /** How long a prediction waits for its label before it is dropped from the join. */
    @WithDefault("PT6H")
    Duration pendingTtl();

    /** How long a label that arrived before its prediction waits for it. */
    @WithDefault("PT1H")
    Duration orphanTtl();

    /** Most early labels held in memory for the join; the oldest are dropped beyond it. */
    @WithDefault("100000")
    int maxOrphans();

    /** How long joined rows (the retraining data of {@code /api/v1/labelled}) are kept. */
    @WithDefault("P30D")
    Duration retention();
}
