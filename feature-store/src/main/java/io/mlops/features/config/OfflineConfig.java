package io.mlops.features.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Historical retrieval and materialization. */
@ConfigMapping(prefix = "mlops.features.offline")
public interface OfflineConfig {

    /**
     * Most entity rows one {@code /historical-features} request may carry (413 above). The rows
     * are held in memory while the query runs (roughly 0.5 KB each); the result is streamed.
     */
    @WithDefault("200000")
    int maxEntityRows();

    /** Rows fetched per round trip while a historical result is streamed to the client. */
    @WithDefault("2000")
    int fetchSize();

    /** A historical query running longer than this is cancelled by PostgreSQL. */
    @WithDefault("10m")
    Duration statementTimeout();

    /** Entity keys materialized per transaction; each transaction publishes its own update events. */
    @WithDefault("5000")
    int materializePageSize();
}
