package io.mlops.monitor.stream.repository;

/**
 * Where to replay a version's open window (or held events) from on one partition.
 *
 * @param sequence the open window's number (results are numbered per version)
 * @param held true for events that wait for the registry rather than an open window
 */
public record OpenWindowRow(String model, int version, int partition, long firstOffset, long sequence, boolean held) {
}
