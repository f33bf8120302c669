package io.mlops.monitor.stream.repository;

import java.time.Instant;

/**
 * Where a version's last closed window started on one partition: replayed after a restart, without
 * being counted, so the window after it still recognises a duplicate of one of its events.
 *
 * @param closedAt when the window closed; it is kept for one window duration after that
 */
public record PreviousWindowRow(String model, int version, int partition, long firstOffset, Instant closedAt) {
}
