package io.mlops.features.offline.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Where a historical result is streamed, one row at a time, in request order. */
public interface HistoricalSink {

    void begin(List<String> entityColumns, List<String> featureNames) throws IOException;

    /**
     * @param features each feature's value as JSON text ({@code 0.3}, {@code "gold"}, {@code true},
     *     {@code null}), or null when there is no value in range
     */
    void row(Map<String, Object> entityRow, String[] features) throws IOException;

    void end() throws IOException;
}
