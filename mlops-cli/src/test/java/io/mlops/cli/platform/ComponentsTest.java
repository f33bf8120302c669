package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComponentsTest {

    private static LocalPlatformSettings settings(Map<String, String> env) {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/ada");
        props.setProperty("mlops.root", "/repo");
        return LocalPlatformSettings.from(env, props);
    }

    @Test
    void servicesHaveTheirContractPortsAndFastJars() {
        List<Component> services = Components.services(settings(Map.of()));

        assertEquals(List.of("model-registry", "feature-store", "inference-service", "drift-monitor"),
                services.stream().map(Component::name).toList());
        assertEquals(List.of(8081, 8082, 8083, 8084), services.stream().map(Component::port).toList());
        Component registry = services.get(0);
        assertEquals(Path.of("/repo/model-registry/target/quarkus-app/quarkus-run.jar"), registry.jar());
        assertEquals("http://127.0.0.1:8081/q/health/ready", registry.healthUrl());
        assertEquals("http://127.0.0.1:8081/q/swagger-ui", registry.swaggerUrl());
        assertEquals("http://127.0.0.1:8081/q/metrics", registry.metricsUrl());
    }

    @Test
    void servicesListenWhereThePlatformsUrlsSay() {
        LocalPlatformSettings moved = settings(Map.of(
                "MLOPS_INFERENCE_URL", "http://localhost:9083",
                "MLOPS_MONITOR_URL", "http://127.0.0.1:18084/"));
        List<Component> services = Components.services(moved);

        assertEquals(List.of(8081, 8082, 9083, 18084), services.stream().map(Component::port).toList());
        assertEquals("http://localhost:9083/q/health/ready", services.get(2).healthUrl());
        assertEquals(9083, Components.byName(moved, "inference-service").orElseThrow().port());
    }

    @Test
    void infrastructureComesFirstAndFollowsTheConfiguredAddresses() {
        LocalPlatformSettings external = settings(Map.of(
                "MLOPS_KAFKA_BOOTSTRAP", "kafka.internal:29092",
                "MLOPS_DB_URL", "jdbc:postgresql://db.internal/mlops"));
        List<Component> all = Components.all(external);

        assertEquals(Components.names(), all.stream().map(Component::name).toList());
        assertEquals(new Endpoint("kafka.internal", 29092), all.get(0).endpoint());
        assertEquals(new Endpoint("db.internal", 5432), all.get(1).endpoint());
        assertFalse(Components.isManaged(all.get(0), external));
        assertFalse(Components.isManaged(all.get(1), external));

        LocalPlatformSettings local = settings(Map.of());
        assertEquals(15432, Components.postgres(local).port());
        assertTrue(Components.isManaged(Components.kafka(local), local));
    }
}
