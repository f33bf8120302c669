package io.mlops.inference.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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

    /**
     * Memory the waiting predictions may hold (their inputs and outputs, estimated), whichever of
     * this and {@link #queueCapacity()} is reached first: batched OIP requests of megabytes each
     * would otherwise fill a count-bounded queue with gigabytes while the broker is away.
     */
    @WithDefault("64M")
    MemorySize queueMaxBytes();

    /**
     * How long the producer gathers predictions into one batch before sending it. Nothing waits
     * for the log, so a longer wait costs only freshness, while every batch is a produce request
     * the broker handles and a fetch it answers to each consumer of the log.
     */
    @WithDefault("25ms")
    Duration linger();

    /**
     * The producer's compression codec ({@code none}, {@code lz4}, {@code zstd}, {@code snappy},
     * {@code gzip}). Prediction events repeat the same feature names in every record, so lz4
     * shrinks a batch several times over for less CPU than the broker and the log's consumers
     * spend on the bytes it saves.
     */
    @WithDefault("lz4")
    String compression();
}
