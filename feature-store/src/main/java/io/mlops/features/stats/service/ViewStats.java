package io.mlops.features.stats.service;

import java.time.Instant;

/** What has been written to a view: the newest event time per store, and materialization progress. */
public record ViewStats(String view, Instant onlineNewestEventTimestamp, Instant offlineNewestEventTimestamp,
                        Instant lastWriteAt, Instant materializedUntil) {
}
