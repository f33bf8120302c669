package io.mlops.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a reachable registry no model can be loaded, so the service must not report ready. */
@QuarkusTest
@TestProfile(RegistryOutageReadinessTest.UnreachableRegistry.class)
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RegistryOutageReadinessTest {

    /** Port 9 (discard) on loopback: nothing listens there, so connections are refused at once. */
    public static class UnreachableRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mlops.registry.url", "http://127.0.0.1:9");
        }
    }

    @Test
    void notReadyWhileTheRegistryIsUnreachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'model-registry' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
    }
}
