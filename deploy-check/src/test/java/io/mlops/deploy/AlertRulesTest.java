package io.mlops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The alert rules the platform needs exist, are documented, and each has promtool unit tests in
 * which it fires and in which it does not. (promtool itself runs the tests: deploy/check.sh.)
 */
class AlertRulesTest {

    private static final Path TESTS = Path.of("test/prometheus/alerts_test.yml");

    /** Alert name to a fragment its expression must contain. */
    private static final Map<String, String> REQUIRED = Map.of(
            "MlopsServiceDown", "up{",
            "MlopsInferenceLatencyHigh", "mlops_inference_latency_seconds_bucket",
            "MlopsDatasetDrift", "mlops_drift_dataset_drifted == 1",
            "MlopsFeatureDrift", "mlops_drift_feature_drifted",
            "MlopsModelPerformanceDegraded", "mlops_model_performance_degraded == 1",
            "MlopsOutboxLag", "mlops_registry_outbox_pending",
            "MlopsPredictionLogDropped", "rate(mlops_inference_log_dropped_total[5m]) > 0",
            "MlopsKafkaConsumerLag", "kafka_consumer_fetch_manager_records_lag_max");

    @Test
    void theRequiredAlertsExistWithSeverityAndSummary() {
        Map<String, JsonNode> alerts = alerts();
        List<String> problems = new ArrayList<>();
        REQUIRED.forEach((name, fragment) -> {
            JsonNode rule = alerts.get(name);
            if (rule == null) {
                problems.add("no alert " + name);
            } else if (!rule.path("expr").asText().contains(fragment)) {
                problems.add(name + ": expression does not read " + fragment);
            }
        });
        alerts.forEach((name, rule) -> {
            if (!Set.of("critical", "warning", "info").contains(rule.path("labels").path("severity").asText())) {
                problems.add(name + ": severity label must be critical, warning or info");
            }
            if (rule.path("annotations").path("summary").asText().isBlank()) {
                problems.add(name + ": no summary annotation");
            }
        });
        JsonNode latency = alerts.get("MlopsInferenceLatencyHigh");
        if (latency != null) {
            assertTrue(latency.path("expr").asText().contains("0.99") && latency.path("expr").asText().contains("> 0.003")
                    && "5m".equals(latency.path("for").asText()), "p99 over 3 ms for 5 minutes");
        }
        ManifestsTest.assertNoProblems(problems);
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItDoesNot() throws IOException {
        JsonNode tests = Rendered.YAML.readTree(Repo.deploy().resolve(TESTS).toFile());
        Path testDir = Repo.deploy().resolve(TESTS).getParent();
        Set<Path> ruleFiles = new HashSet<>();
        tests.path("rule_files").forEach(f -> ruleFiles.add(testDir.resolve(f.asText()).normalize()));
        assertEquals(Set.of(Repo.deploy().resolve(Metrics.ALERTS).normalize()), ruleFiles,
                "the unit tests load deploy/" + Metrics.ALERTS);
        Set<String> fires = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode case_ : test.path("alert_rule_test")) {
                String name = case_.path("alertname").asText();
                (case_.path("exp_alerts").isEmpty() ? silent : fires).add(name);
            }
        }
        Set<String> names = alerts().keySet();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!fires.contains(name)) {
                problems.add(name + ": no test case in which it fires");
            }
            if (!silent.contains(name)) {
                problems.add(name + ": no test case in which it stays silent");
            }
        }
        Set<String> unknown = new TreeSet<>(fires);
        unknown.addAll(silent);
        unknown.removeAll(names);
        if (!unknown.isEmpty()) {
            problems.add("tests name alerts that do not exist: " + unknown);
        }
        ManifestsTest.assertNoProblems(problems);
    }

    private static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new TreeMap<>();
        for (JsonNode rule : Metrics.alertRules()) {
            if (rule.has("alert")) {
                JsonNode previous = alerts.put(rule.path("alert").asText(), rule);
                assertTrue(previous == null, "duplicate alert " + rule.path("alert").asText());
            }
        }
        return alerts;
    }
}
