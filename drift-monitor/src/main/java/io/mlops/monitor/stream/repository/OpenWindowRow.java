package io.mlops.monitor.stream.repository;

/**
 * Where to replay a version's open window (or held events) from on one partition.
 *
 * @param sequence the open window's number (results are numbered per version)
 * @param held true for events that wait for the registry rather than an open window
 * @param firstRow the first row of the event at {@code firstOffset} that belongs to the window (a
 *     batched event whose earlier rows closed the window before it)
 */
public record OpenWindowRow(String model, int version, int partition, long firstOffset, long sequence, boolean held,
                            int firstRow) {
}
