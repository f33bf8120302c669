package io.mlops.monitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.performance.service.VersionPerformance;
import io.mlops.monitor.reference.service.VersionKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    void performanceIsExportedOnlyOnceAVersionHasEnoughLabelsWithItsLimitAndVerdict() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMetrics metrics = new DriftMetrics(registry);
        VersionKey key = new VersionKey("churn", 3);

        // Two labels, both wrong: an accuracy of 0 that must not reach Prometheus.
        metrics.performance(key, performance(2, false, Map.of("accuracy", 0.0), List.of()));
        assertEquals(2.0, performanceGauge(registry, DriftMetrics.PERFORMANCE, "labels"));
        assertNull(performanceGauge(registry, DriftMetrics.PERFORMANCE, "accuracy"));
        assertNull(performanceGauge(registry, DriftMetrics.PERFORMANCE_DEGRADED, "accuracy"));

        metrics.performance(key, performance(150, true, Map.of("accuracy", 0.62, "auc", 0.9), List.of("accuracy")));
        assertEquals(0.62, performanceGauge(registry, DriftMetrics.PERFORMANCE, "accuracy"));
        assertEquals(0.8, performanceGauge(registry, DriftMetrics.PERFORMANCE_LIMIT, "accuracy"));
        assertEquals(1.0, performanceGauge(registry, DriftMetrics.PERFORMANCE_DEGRADED, "accuracy"));
        assertEquals(0.0, performanceGauge(registry, DriftMetrics.PERFORMANCE_DEGRADED, "auc"));

        // The model's minimum raised above what the version has: its verdicts go, its label count stays.
        metrics.performance(key, performance(150, false, Map.of("accuracy", 0.62, "auc", 0.9), List.of()));
        assertNull(performanceGauge(registry, DriftMetrics.PERFORMANCE, "accuracy"));
        assertNull(performanceGauge(registry, DriftMetrics.PERFORMANCE_LIMIT, "accuracy"));
        assertNull(performanceGauge(registry, DriftMetrics.PERFORMANCE_DEGRADED, "accuracy"));
        assertEquals(150.0, performanceGauge(registry, DriftMetrics.PERFORMANCE, "labels"));
    }

    @Test
    void theSeriesOfAVersionThatWentQuietAreRemovedAndComeBackWithItsNextWindow() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMetrics metrics = new DriftMetrics(registry);
        VersionKey retired = new VersionKey("churn", 2);
        metrics.target(retired, drifted("target"));
        metrics.performance(retired, performance(150, true, Map.of("accuracy", 0.6), List.of("accuracy")));

        assertEquals(List.of(), metrics.retireIdle(Instant.now(), model -> Duration.ofHours(1)), "recently active");
        assertEquals(1.0, registry.get(DriftMetrics.FEATURE_DRIFTED).tag("version", "2").gauge().value());

        assertEquals(List.of(retired), metrics.retireIdle(Instant.now().plus(Duration.ofHours(2)), model -> Duration.ofHours(1)));
        assertTrue(registry.getMeters().stream().noneMatch(m -> "2".equals(m.getId().getTag("version"))),
                "no series of the idle version left: " + registry.getMeters());

        metrics.target(retired, drifted("target"));
        assertEquals(1.0, registry.get(DriftMetrics.FEATURE_DRIFTED).tag("version", "2").gauge().value(), "back with new data");
    }

    @Test
    void aDisabledColumnLosesItsDriftSeriesInsteadOfKeepingItsLastVerdict() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMetrics metrics = new DriftMetrics(registry);
        VersionKey key = new VersionKey("churn", 4);
        metrics.target(key, drifted("target"));
        assertEquals(1.0, registry.get(DriftMetrics.FEATURE_DRIFTED).tag("version", "4").gauge().value());

        metrics.target(key, untested(ColumnDrift.INSUFFICIENT_DATA));
        assertEquals(1.0, registry.get(DriftMetrics.FEATURE_DRIFTED).tag("version", "4").gauge().value(),
                "too little data for one window: the last verdict stands");

        metrics.target(key, untested(ColumnDrift.DISABLED));
        assertNull(registry.find(DriftMetrics.FEATURE_DRIFTED).tag("version", "4").gauge(), "disabled: no series");
        assertNull(registry.find(DriftMetrics.FEATURE_SCORE).tag("version", "4").gauge());

        metrics.target(key, drifted("target"));
        assertEquals(1.0, registry.get(DriftMetrics.FEATURE_DRIFTED).tag("version", "4").gauge().value(), "tested again");
    }

    private static ColumnDrift untested(String status) {
        return new ColumnDrift("target", "numeric", null, null, null, null, null, null, null, 0.0, null, null, null,
                List.of(), 3, "sample", true, status);
    }

    private static ColumnDrift drifted(String feature) {
        return new ColumnDrift(feature, "numeric", "ks", 0.5, 0.05, true, null, null, null, 0.0, null, null, null,
                List.of(), 100, "sample", true, ColumnDrift.TESTED);
    }

    private static VersionPerformance performance(long labels, boolean enough, Map<String, Double> values, List<String> degraded) {
        Map<String, Double> limits = enough ? Map.of("accuracy", 0.8, "auc", 0.7) : Map.of();
        return new VersionPerformance(3, labels, 1000, enough, values, Map.of(), limits, degraded, null, null, null);
    }

    private static Double performanceGauge(SimpleMeterRegistry registry, String name, String metric) {
        var gauge = registry.find(name).tag("metric", metric).gauge();
        return gauge == null ? null : gauge.value();
    }
}
