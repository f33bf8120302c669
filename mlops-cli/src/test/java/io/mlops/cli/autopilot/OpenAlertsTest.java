package io.mlops.cli.autopilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAlertsTest {

    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    private static Alert alert(String type, int version, String scope, String metric, int minute) {
        return new Alert(type, T.plusSeconds(60L * minute), "id-" + minute, "m", version, scope, List.of(), metric,
                null, null, T, T.plusSeconds(60L * minute));
    }

    @Test
    void theNewestAlertStillOpenOnTheChampion() {
        List<Alert> alerts = List.of(
                alert(Alert.DRIFT_DETECTED, 1, "dataset", null, 1),
                alert(Alert.PERFORMANCE_DEGRADED, 1, "performance", "accuracy", 2),
                alert(Alert.PERFORMANCE_DEGRADED, 1, "performance", "auc", 3),
                alert(Alert.DRIFT_RESOLVED, 1, "performance", "auc", 4));
        assertEquals("id-2", OpenAlerts.newestOpen(alerts, 1, null).orElseThrow().alertId());
    }

    @Test
    void resolvedSubjectsAndOtherVersionsAreNotOpen() {
        List<Alert> alerts = List.of(
                alert(Alert.DRIFT_DETECTED, 1, "dataset", null, 1),
                alert(Alert.DRIFT_RESOLVED, 1, "dataset", null, 2),
                alert(Alert.PERFORMANCE_DEGRADED, 2, "performance", "accuracy", 3));
        assertTrue(OpenAlerts.newestOpen(alerts, 1, null).isEmpty());
        assertEquals("id-3", OpenAlerts.newestOpen(alerts, 2, null).orElseThrow().alertId());
    }

    @Test
    void alertsHandledBeforeAreSkipped() {
        List<Alert> alerts = List.of(alert(Alert.DRIFT_DETECTED, 1, "dataset", null, 1));
        assertTrue(OpenAlerts.newestOpen(alerts, 1, T.plusSeconds(120)).isEmpty());
        assertEquals("id-1", OpenAlerts.newestOpen(alerts, 1, T).orElseThrow().alertId());
    }
}
