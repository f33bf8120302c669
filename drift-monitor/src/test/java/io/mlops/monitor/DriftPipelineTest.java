package io.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.EventJson;
import io.mlops.events.Topics;
import io.mlops.events.registry.ModelVersion;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.mlops.monitor.support.Api;
import io.mlops.monitor.support.Kafka;
import io.mlops.monitor.support.RegistryStandIn;
import io.mlops.monitor.support.RegistryStandInResource;
import io.mlops.monitor.support.Scenario;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole path on a real broker and database: predictions from the reference distribution do not
 * drift; shifting half the features by one standard deviation drifts exactly those, and dataset
 * drift raises {@code drift.detected} once (not once per window); restoring the distribution
 * raises {@code drift.resolved} once.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DriftPipelineTest {

    private static final String MODEL = "pipeline";
    private static final Set<String> SHIFTED = Set.of("f0", "f1", "f2", "f3", "plan");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void halfTheFeaturesShiftedRaisesOneAlertAndRestoringResolvesIt() {
        ModelVersion v = RegistryStandIn.version(MODEL, 1, Map.of());
        RegistryStandIn.register(v, Scenario.profile(1, 20_000));
        SplittableRandom random = new SplittableRandom(42);
        try (Kafka kafka = new Kafka()) {
            kafka.versionCreated(v);
            send(kafka, random, 0, 5_000, Set.of());
            Eventually.await("5 windows from the reference", WAIT, () -> Api.windowCount(MODEL) == 5);
            for (Map<String, Object> w : Api.windows(MODEL)) {
                assertEquals(List.of(), w.get("driftedFeatures"), "no drift expected: " + w);
                assertEquals(false, w.get("datasetDrift"));
                assertEquals(1000, ((Map<?, ?>) w.get("window")).get("size"));
            }
            assertTrue(alerts("drift.detected").isEmpty());

            send(kafka, random, 5_000, 3_000, SHIFTED);
            Eventually.await("3 windows after the shift", WAIT, () -> Api.windowCount(MODEL) == 8);
            List<Map<String, Object>> windows = Api.windows(MODEL);
            for (Map<String, Object> w : windows.subList(5, 8)) {
                assertEquals(SHIFTED, new HashSet<>((List<?>) w.get("driftedFeatures")), "exactly the shifted features drift: " + w);
                assertEquals(true, w.get("datasetDrift"));
                assertEquals(0.5, ((Number) w.get("driftedShare")).doubleValue(), 1e-9);
                Map<?, ?> score = (Map<?, ?>) ((Map<?, ?>) w.get("prediction")).get("score");
                assertEquals(true, score.get("drifted"), "the score depends on f0, so it drifts too");
                assertEquals("wasserstein", featureOf(w, "f0").get("method"));
                assertEquals("jensenshannon", featureOf(w, "plan").get("method"));
                assertTrue(((Number) featureOf(w, "f0").get("score")).doubleValue() > 0.8);
            }
            Eventually.await("drift.detected on " + Topics.DRIFT_ALERTS, WAIT, () -> alerts("drift.detected").size() == 1);

            send(kafka, random, 8_000, 3_000, Set.of());
            Eventually.await("3 windows after restoring", WAIT, () -> Api.windowCount(MODEL) == 11);
            for (Map<String, Object> w : Api.windows(MODEL).subList(8, 11)) {
                assertEquals(List.of(), w.get("driftedFeatures"), "no drift expected after restoring: " + w);
            }
            Eventually.await("drift.resolved on " + Topics.DRIFT_ALERTS, WAIT, () -> alerts("drift.resolved").size() == 1);
            assertEquals(1, alerts("drift.detected").size(), "a drift that lasted three windows alerts once");

            List<Map<String, Object>> api = Api.alerts(MODEL);
            assertEquals(2, api.size());
            assertEquals("io.mlops.drift.resolved.v1", api.get(0).get("type"));
            assertEquals("dataset", api.get(1).get("scope"));
            assertEquals(new HashSet<>(SHIFTED), new HashSet<>((List<?>) api.get(1).get("features")));
        }
        assertFalse(Api.drift(MODEL).getBoolean("datasetDrift"));
        assertEquals(1.0, Api.metric("mlops_drift_feature_score", "model=\"pipeline\"", "feature=\"f0\"",
                "method=\"wasserstein\"") < 0.1 ? 1.0 : 0.0, 0.0, "the f0 gauge shows the last (clean) window");
        assertEquals(0.0, Api.metric("mlops_drift_dataset_share", "model=\"pipeline\""), 1e-9);
        assertEquals(11_000.0, Api.metric("mlops_drift_events_processed_total", "model=\"pipeline\""), 0.0);
    }

    private static void send(Kafka kafka, SplittableRandom random, int firstId, int n, Set<String> shifted) {
        for (int i = 0; i < n; i++) {
            kafka.prediction(Scenario.prediction(MODEL, 1, MODEL + "-" + (firstId + i), random, shifted));
        }
        kafka.flush();
    }

    private static List<ConsumerRecord<String, byte[]>> alerts(String kind) {
        return Kafka.readAll(Topics.DRIFT_ALERTS, r -> MODEL.equals(r.key())
                && EventJson.fromBytes(r.value()).type().equals("io.mlops." + kind + ".v1"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> featureOf(Map<String, Object> window, String feature) {
        return ((List<Map<String, Object>>) window.get("features")).stream()
                .filter(f -> feature.equals(f.get("feature"))).findFirst().orElseThrow();
    }
}
