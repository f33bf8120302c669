package io.mlops.monitor.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.EventType;
import io.mlops.events.drift.AlertScope;
import io.mlops.monitor.alert.repository.AlertRepository;
import io.mlops.monitor.alert.service.AlertDecision;
import io.mlops.monitor.alert.service.AlertPolicy;
import io.mlops.monitor.alert.service.SubjectState;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.settings.service.ModelSettings;
import io.mlops.monitor.support.TestSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dataset alerts always; column alerts only where turned on; each subject with its own hysteresis. */
class AlertPolicyTest {

    private final AlertPolicy policy = new AlertPolicy(new AlertRepository(null) {
        @Override
        public List<SubjectState> states(String model, int version) {
            return List.of();
        }
    });

    @Test
    void datasetAlertOnceAfterTwoDriftedWindowsAndColumnAlertsWhereTurnedOn() {
        var settings = TestSettings.with(new ModelSettings(null, null, null, null, null, null, null, null,
                Map.of("age", new ModelSettings.ColumnSettings(null, null, null, true)), null));
        List<AlertDecision> raised = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            raised.addAll(policy.onWindow(window(w, true, true), settings));
        }
        assertEquals(2, raised.size(), raised.toString());
        assertTrue(raised.stream().allMatch(d -> d.type() == EventType.DRIFT_DETECTED));
        assertEquals(List.of(AlertScope.DATASET, AlertScope.FEATURE), raised.stream().map(d -> d.alert().scope()).toList());
        assertEquals(List.of("age"), raised.get(1).alert().features());
        assertEquals(List.of("age", "income"), raised.get(0).alert().features());

        raised.clear();
        raised.addAll(policy.onWindow(window(4, false, true), settings));
        raised.addAll(policy.onWindow(window(5, false, false), settings));
        raised.addAll(policy.onWindow(window(6, false, false), settings));
        assertEquals(List.of(AlertScope.DATASET, AlertScope.FEATURE), raised.stream().map(d -> d.alert().scope()).toList());
        assertTrue(raised.stream().allMatch(d -> d.type() == EventType.DRIFT_RESOLVED));
        assertEquals(java.util.Set.of("dataset", "age"), policy.takeWindowDirty().stream().map(SubjectState::subject)
                .collect(java.util.stream.Collectors.toSet()), "state to persist: the dataset and the alerting column");
        assertTrue(policy.takeWindowDirty().isEmpty());
    }

    @Test
    void anActiveColumnAlertIsResolvedWhenItsAlertIsTurnedOff() {
        var alerting = TestSettings.with(new ModelSettings(null, null, null, null, null, null, null, null,
                Map.of("age", new ModelSettings.ColumnSettings(null, null, null, true)), null));
        for (int w = 0; w < 2; w++) {
            policy.onWindow(window(w, false, true), alerting);
        }
        assertTrue(policy.active(new VersionKey("m", 1), AlertScope.FEATURE, "age"));

        var silenced = TestSettings.with(new ModelSettings(null, null, null, null, null, null, null, null,
                Map.of("age", new ModelSettings.ColumnSettings(null, null, null, false)), null));
        List<AlertDecision> decisions = policy.onWindow(window(2, false, true), silenced);
        assertEquals(List.of(EventType.DRIFT_RESOLVED), decisions.stream().map(AlertDecision::type).toList());
        assertEquals(List.of("age"), decisions.get(0).alert().features());
        assertFalse(policy.active(new VersionKey("m", 1), AlertScope.FEATURE, "age"));
        assertTrue(policy.onWindow(window(3, false, true), silenced).isEmpty(), "resolved once");
    }

    @Test
    void anActivePerformanceAlertIsResolvedWhenItsMetricLosesItsLimit() {
        var settings = TestSettings.defaults();
        VersionKey key = new VersionKey("m", 1);
        List<AlertDecision> raised = new ArrayList<>();
        for (int i = 0; i < 5 && raised.isEmpty(); i++) {
            raised.addAll(policy.onPerformance(key, "accuracy", 0.7, true, 0.8, settings, Instant.EPOCH, Instant.EPOCH));
        }
        assertEquals(List.of(EventType.PERFORMANCE_DEGRADED), raised.stream().map(AlertDecision::type).toList());
        policy.takePerformanceDirty();

        assertTrue(policy.onLimitsRemoved(key, Set.of("accuracy"), Map.of("accuracy", 0.7), Instant.EPOCH,
                Instant.EPOCH).isEmpty(), "a metric that keeps its limit is left to its evaluations");
        List<AlertDecision> resolved = policy.onLimitsRemoved(key, Set.of("auc"), Map.of("accuracy", 0.7),
                Instant.EPOCH, Instant.EPOCH);
        assertEquals(List.of(EventType.DRIFT_RESOLVED), resolved.stream().map(AlertDecision::type).toList());
        assertEquals(AlertScope.PERFORMANCE, resolved.get(0).alert().scope());
        assertEquals("accuracy", resolved.get(0).alert().metric());
        assertEquals(0.7, resolved.get(0).alert().value(), 1e-12);
        assertFalse(policy.active(key, AlertScope.PERFORMANCE, "accuracy"));
        assertEquals(List.of("accuracy"), policy.takePerformanceDirty().stream().map(SubjectState::subject).toList(),
                "the resolution is written with the labels' commit");
        assertTrue(policy.onLimitsRemoved(key, Set.of(), Map.of(), Instant.EPOCH, Instant.EPOCH).isEmpty(),
                "resolved once");
    }

    @Test
    void windowsTooSmallToTestLeaveTheStateAlone() {
        var settings = TestSettings.defaults();
        policy.onWindow(window(0, true, true), settings);
        WindowResult untested = new WindowResult("m", 1, info(1), WindowResult.DRIFT, List.of(column("age", null)),
                Map.of(), false, 0, List.of(), null, null, null);
        assertTrue(policy.onWindow(untested, settings).isEmpty());
        assertEquals(1, policy.onWindow(window(2, true, true), settings).size(), "the streak survived the small window");
    }

    private static WindowResult window(int sequence, boolean dataset, boolean age) {
        List<ColumnDrift> features = List.of(column("age", age), column("income", dataset));
        List<String> drifted = features.stream().filter(ColumnDrift::driftDetected).map(ColumnDrift::feature).toList();
        return new WindowResult("m", 1, info(sequence), WindowResult.DRIFT, features, Map.of(), dataset,
                drifted.size() / 2.0, drifted, null, null, null);
    }

    private static WindowResult.WindowInfo info(int sequence) {
        return new WindowResult.WindowInfo(sequence, Instant.EPOCH, Instant.EPOCH, 1000, 1000, "size", Instant.EPOCH);
    }

    private static ColumnDrift column(String name, Boolean drifted) {
        return new ColumnDrift(name, "numeric", drifted == null ? null : "ks", drifted == null ? null : 0.01, 0.05,
                drifted, null, null, null, 0, null, null, null, null, 1000, "sample", true,
                drifted == null ? ColumnDrift.INSUFFICIENT_DATA : ColumnDrift.TESTED);
    }
}
