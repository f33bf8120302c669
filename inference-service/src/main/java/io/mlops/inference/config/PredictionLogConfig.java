package io.mlops.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The prediction log: every answered request, per arm, to {@code mlops.inference.predictions.v1}. */
@ConfigMapping(prefix = "mlops.inference.prediction-log")
public interface PredictionLogConfig {

    /** Whether predictions are logged at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Predictions waiting for Kafka. When full (broker slow or down) new ones are dropped and
     * counted in {@code mlops_inference_log_dropped_total}; a request never waits for the log.
     */
    @WithDefault("20000")
    int queueCapacity();
}
