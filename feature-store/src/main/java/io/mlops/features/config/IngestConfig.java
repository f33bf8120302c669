package io.mlops.features.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of push and stream ingestion, and the Kafka consumer of {@code mlops.features.ingest.v1}. */
@ConfigMapping(prefix = "mlops.features.ingest")
public interface IngestConfig {

    /**
     * Most rows one push request or one Kafka event may carry. Larger batches are answered with
     * 413 (push) or dead-lettered (stream); the push body is read row by row and rejected as soon
     * as the limit is passed, so an oversized batch is never held in memory.
     */
    @WithDefault("10000")
    int maxRowsPerBatch();

    /**
     * How far in the future an {@code event_timestamp} may be. Rows beyond it are rejected: a
     * clock-skewed producer would otherwise pin a value online that no newer row can replace.
     */
    @WithDefault("5m")
    Duration maxFutureSkew();

    /** The consumer of the ingest topic. */
    Consumer consumer();

    /** How the ingest topic is consumed. */
    interface Consumer {

        /** Whether this replica consumes the ingest topic at all. */
        @WithDefault("true")
        boolean enabled();

        /** Consumer group shared by every replica, so each record is written once. */
        @WithDefault("feature-store-ingest")
        String groupId();

        /** Consumer threads (each its own group member); more than the topic's partitions idle. */
        @WithDefault("1")
        int threads();

        /** Most records one poll returns; they are written in one transaction. */
        @WithDefault("500")
        int maxPollRecords();

        /** How long one poll waits for records. */
        @WithDefault("200ms")
        Duration pollTimeout();

        /** Pause before a batch that failed for a transient reason (database or broker down) is retried. */
        @WithDefault("1s")
        Duration retryBackoff();
    }
}
