package io.mlops.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Predictions of a version the monitor has not seen are resolved with the registry, never dropped:
 * while the registry is down they are held (Kafka keeps them) and replayed once it answers. A
 * version registered without a profile is monitored for volume, quality and latency, and the API
 * says so.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RegistryOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void predictionsWaitForTheRegistryAndNoneIsLost() throws Exception {
        String model = "outage";
        BadInputTest.register(model, 200);
        RegistryStandIn.down();
        try (Kafka kafka = new Kafka()) {
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < 300; i++) {
                kafka.prediction(Scenario.prediction(model, 1, model + "-" + i, random, Set.of()));
            }
            kafka.flush();
            Thread.sleep(3_000);
            given().get("/api/v1/drift/{model}", model).then().statusCode(404).body("code", equalTo("MODEL_NOT_FOUND"));
        } finally {
            RegistryStandIn.up();
        }
        Eventually.await("the held predictions replayed into a window", WAIT, () -> Api.windowCount(model) == 1);
        Eventually.await("the other 100 in the open window", WAIT, () -> Api.openRows(model) == 100);
        Map<?, ?> window = (Map<?, ?>) Api.windows(model).get(0).get("window");
        assertEquals(200, window.get("size"));
    }

    @Test
    void aVersionWithoutProfileIsMonitoredForQualityOnly() {
        String model = "noprofile";
        given().contentType("application/json").body(Map.of("windowSize", 100))
                .put("/api/v1/monitoring/{model}/settings", model).then().statusCode(200);
        ModelVersion v = RegistryStandIn.version(model, 1, Map.of());
        RegistryStandIn.register(v, null);
        try (Kafka kafka = new Kafka()) {
            kafka.versionCreated(v);
            SplittableRandom random = new SplittableRandom(12);
            for (int i = 0; i < 100; i++) {
                kafka.prediction(Scenario.prediction(model, 1, model + "-" + i, random, Set.of()));
            }
            kafka.flush();
        }
        Eventually.await("a quality-only window", WAIT, () -> Api.windowCount(model) == 1);
        var drift = Api.drift(model);
        assertEquals("QUALITY_ONLY", drift.getString("monitoring"));
        assertEquals("registered without a reference profile", drift.getString("profileNote"));
        assertEquals(List.of(), drift.getList("features"));
        assertEquals(0.0, drift.getDouble("missingRates.f0"), 0.0);
        assertTrue(drift.getDouble("latency.p99") >= 2.0);
        given().get("/api/v1/monitoring/{model}", model).then().statusCode(200)
                .body("versions[0].referenceProfile", equalTo(false))
                .body("versions[0].monitoring", equalTo("QUALITY_ONLY"));
    }
}
