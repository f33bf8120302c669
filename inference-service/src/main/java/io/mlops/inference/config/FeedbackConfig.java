package io.mlops.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Ground-truth feedback on earlier predictions. */
@ConfigMapping(prefix = "mlops.inference.feedback")
public interface FeedbackConfig {

    /** Longest wait for the broker to acknowledge a feedback record before answering 503. */
    @WithDefault("5s")
    Duration ackTimeout();

    /**
     * Prediction ids this replica remembers, to tell feedback on its own recent predictions from
     * feedback on ids it never issued (counted, still accepted: another replica may have issued them).
     */
    @WithDefault("100000")
    int rememberedPredictions();
}
