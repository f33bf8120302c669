package io.mlops.monitor.stream.service;

import java.util.Map;
import java.util.TreeMap;

/**
 * Events of a version the registry has not answered for yet. Only their first offset per partition
 * is kept (Kafka holds the events), so holding costs no memory per event; once the version is
 * resolved the stream seeks back and replays them.
 */
final class Held {

    final Map<Integer, Long> firstOffsets = new TreeMap<>();
    long rows;

    void hold(int partition, long offset, long newRows) {
        firstOffsets.merge(partition, offset, Math::min);
        rows += newRows;
    }
}
