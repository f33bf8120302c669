package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Default tumbling windows; a model's settings may override size, duration and minimum rows. */
@ConfigMapping(prefix = "mlops.monitor.window")
public interface WindowConfig {

    /** A window closes after this many prediction rows (a batched request of n rows counts n). */
    @WithDefault("1000")
    int size();

    /** ... or once its events span this long (event time), whichever comes first. */
    @WithDefault("PT5M")
    Duration duration();

    /**
     * Windows with fewer rows than this get data-quality figures but no drift verdict: a test on a
     * handful of rows says little, and it must not flip alerts.
     */
    @WithDefault("30")
    int minRows();

    /** Raw rows kept per window; tests are exact while a window has no more rows than this. */
    @WithDefault("1000")
    int sampleSize();

    /** KLL accuracy parameter of the window sketches (larger k: smaller rank error, more memory). */
    @WithDefault("400")
    int kllK();

    /** Distinct categories counted per categorical column before the rest share one bucket. */
    @WithDefault("1000")
    int maxCategories();

    /**
     * A window whose duration has passed is closed on the wall clock this long after its end even if
     * no further event arrives, so a quiet model still gets its verdict.
     */
    @WithDefault("PT5S")
    Duration idleGrace();
}
