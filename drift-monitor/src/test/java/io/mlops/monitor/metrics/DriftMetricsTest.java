package io.mlops.monitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.reference.service.VersionKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftMetricsTest {

    @Test
    void aTestedColumnWithoutAFiniteScoreIsANaNGaugeNotACrash() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMetrics metrics = new DriftMetrics(registry);
        // Values near Double.MAX_VALUE make the Wasserstein distance overflow: the record keeps no score.
        ColumnDrift overflowed = new ColumnDrift("target", "numeric", "wasserstein", Double.POSITIVE_INFINITY, 0.1,
                true, null, null, null, 0.0, null, null, null, List.of(), 100, "sample", true, ColumnDrift.TESTED);

        metrics.target(new VersionKey("m", 1), overflowed);

        double score = registry.get(DriftMetrics.FEATURE_SCORE).tag("feature", "target").gauge().value();
        assertTrue(Double.isNaN(score), "score " + score);
        assertEquals(1.0, registry.get(DriftMetrics.FEATURE_DRIFTED).tag("feature", "target").gauge().value());
    }
}
