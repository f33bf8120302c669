package io.mlops.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mlops.events.inference.Prediction;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-model and per-feature settings drive window size and duration, methods, thresholds and exclusions. */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void perFeatureMethodThresholdAndExclusion() {
        String model = "tuned";
        given().contentType("application/json").body("""
                {"windowSize": 300, "datasetDriftShare": 0.3,
                 "columns": {"f0": {"method": "psi", "threshold": 0.2},
                             "f5": {"method": "ks"},
                             "region": {"enabled": false}}}""")
                .put("/api/v1/monitoring/{model}/settings", model).then().statusCode(200)
                .body("effective.windowSize", equalTo(300))
                .body("overrides.columns.f0.method", equalTo("psi"));
        ModelVersion v = RegistryStandIn.version(model, 1, Map.of());
        RegistryStandIn.register(v, Scenario.profile(6, 5000));
        send(model, 300, Set.of("f0", "f1", "f2"), Instant.now(), 0);
        Eventually.await("a 300-row window", WAIT, () -> Api.windowCount(model) == 1);
        Map<String, Object> w = Api.windows(model).get(0);
        assertEquals("psi", feature(w, "f0").get("method"));
        assertEquals(0.2, ((Number) feature(w, "f0").get("threshold")).doubleValue(), 0.0);
        assertEquals(feature(w, "f0").get("psi"), feature(w, "f0").get("score"));
        assertEquals("ks", feature(w, "f5").get("method"), "a reference of 5,000 rows would choose Wasserstein");
        assertEquals("wasserstein", feature(w, "f6").get("method"));
        assertEquals("DISABLED", feature(w, "region").get("status"));
        assertNull(feature(w, "region").get("drifted"));
        assertEquals(3.0 / 9, ((Number) w.get("driftedShare")).doubleValue(), 1e-9, "nine features are tested");
        assertEquals(true, w.get("datasetDrift"), "a share of 1/3 reaches this model's 0.3");

        given().delete("/api/v1/monitoring/{model}/settings", model).then().statusCode(204);
        given().get("/api/v1/monitoring/{model}/settings", model).then().statusCode(200)
                .body("effective.windowSize", equalTo(1000)).body("effective.datasetDriftShare", equalTo(0.5f));
        given().delete("/api/v1/monitoring/{model}/settings", model).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void windowsCloseOnEventTimeAndWhenIdle() {
        String model = "timed";
        given().contentType("application/json").body(Map.of("windowSeconds", 2))
                .put("/api/v1/monitoring/{model}/settings", model).then().statusCode(200);
        RegistryStandIn.register(RegistryStandIn.version(model, 1, Map.of()), Scenario.profile(7, 500));
        Instant start = Instant.now().minusSeconds(60);
        send(model, 40, Set.of(), start, 0);
        send(model, 50, Set.of(), start.plusSeconds(10), 40);
        Eventually.await("the first window closed by time, the second when idle", WAIT, () -> Api.windowCount(model) == 2);
        List<Map<String, Object>> windows = Api.windows(model);
        assertEquals("time", ((Map<?, ?>) windows.get(0).get("window")).get("closedBy"));
        assertEquals(40, ((Map<?, ?>) windows.get(0).get("window")).get("size"));
        assertEquals("idle", ((Map<?, ?>) windows.get(1).get("window")).get("closedBy"));
        assertEquals(50, ((Map<?, ?>) windows.get(1).get("window")).get("size"));
    }

    @Test
    void aBacklogOfOldEventsFillsWholeWindowsInsteadOfClosingOneAfterEveryPoll() throws InterruptedException {
        String model = "backlog";
        given().contentType("application/json").body(Map.of("windowSeconds", 3))
                .put("/api/v1/monitoring/{model}/settings", model).then().statusCode(200);
        RegistryStandIn.register(RegistryStandIn.version(model, 1, Map.of()), Scenario.profile(7, 500));
        // An hour old, as after an outage: past the window's duration on the wall clock from the start.
        Instant old = Instant.now().minusSeconds(3600);
        for (int batch = 0; batch < 3; batch++) {
            send(model, 20, Set.of(), old.plusMillis(batch), batch * 20);
            Thread.sleep(1000);
        }
        Eventually.await("one window of the three polls' events", WAIT, () -> Api.windowCount(model) >= 1);
        List<Map<String, Object>> windows = Api.windows(model);
        assertEquals(1, windows.size());
        assertEquals(60, ((Map<?, ?>) windows.get(0).get("window")).get("size"));
        assertEquals("idle", ((Map<?, ?>) windows.get(0).get("window")).get("closedBy"));
    }

    private static void send(String model, int n, Set<String> shifted, Instant at, int firstId) {
        SplittableRandom random = new SplittableRandom(firstId + 99);
        try (Kafka kafka = new Kafka()) {
            for (int i = 0; i < n; i++) {
                Prediction p = Scenario.prediction(model, 1, model + "-" + (firstId + i), random, shifted);
                kafka.prediction(new Prediction(p.predictionId(), null, model, 1, p.alias(), p.arm(), p.rows(),
                        p.latencyMs(), at));
            }
            kafka.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> feature(Map<String, Object> window, String name) {
        return ((List<Map<String, Object>>) window.get("features")).stream()
                .filter(f -> name.equals(f.get("feature"))).findFirst().orElseThrow();
    }
}
