package io.mlops.inference.support;

import io.mlops.inference.config.FeedbackConfig;
import java.time.Duration;

/** Feedback settings for unit tests that build the prediction log's parts without Quarkus. */
public final class TestFeedbackConfig {

    private TestFeedbackConfig() {
    }

    /** The defaults, remembering {@code predictions} recent prediction ids. */
    public static FeedbackConfig remembering(int predictions) {
        return new FeedbackConfig() {
            @Override
            public Duration ackTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int rememberedPredictions() {
                return predictions;
            }
        };
    }
}
