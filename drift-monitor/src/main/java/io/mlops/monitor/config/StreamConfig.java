package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The consumer of predictions, feedback and registry events. */
@ConfigMapping(prefix = "mlops.monitor.stream")
public interface StreamConfig {

    /** Turn off to run the API alone (e.g. a read replica). */
    @WithDefault("true")
    boolean enabled();

    /** Consumer group; its positions are kept in the database, not in Kafka. */
    @WithDefault("drift-monitor")
    String groupId();

    /** Longest wait of one poll for records; also how often idle windows are checked. */
    @WithDefault("PT0.1S")
    Duration pollTimeout();

    /**
     * Records per poll; everything a poll brings is committed in at most one checkpoint. A poll's
     * parsed events are all alive until it is applied: kept small, they die in the young
     * generation instead of being promoted (at 5,000 the collector took a quarter of a core).
     */
    @WithDefault("1000")
    int maxPollRecords();

    /** Threads that parse prediction JSON ahead of the stream thread; 0 means one per processor. */
    @WithDefault("0")
    int decodeThreads();

    /**
     * Longest time between checkpoints (window state and offsets committed together). A closed
     * window is checkpointed at once, so its alert goes out without waiting for this.
     */
    @WithDefault("PT1S")
    Duration checkpointInterval();

    /**
     * A closed window's result and alerts are committed within this long of the close, even in the
     * middle of a large poll (a checkpoint is consistent after any record).
     */
    @WithDefault("PT0.05S")
    Duration resultLatency();

    /** Pause before retrying after the database or broker failed a checkpoint. */
    @WithDefault("PT2S")
    Duration retryBackoff();
}
