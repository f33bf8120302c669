package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPlatformSettingsTest {

    private static Properties props(String... keyValues) {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/ada");
        props.setProperty("user.dir", "/src/mlops-platform");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void defaultsFollowTheSharedConfigurationContract() {
        LocalPlatformSettings s = LocalPlatformSettings.from(Map.of(), props());

        assertEquals(Path.of("/home/ada/.mlops"), s.home());
        assertEquals(Path.of("/src/mlops-platform"), s.root());
        assertEquals(Path.of("/src/mlops-platform/platform/kafka-server/target/lib"), s.kafkaLib());
        assertEquals("127.0.0.1:9092", s.kafkaBootstrap());
        assertFalse(s.externalKafka());
        assertEquals("jdbc:postgresql://127.0.0.1:15432/mlops", s.dbUrl());
        assertFalse(s.externalDb());
        assertEquals("postgres", s.dbUser());
        assertEquals("postgres", s.dbPassword());
        assertEquals("http://127.0.0.1:8081", s.registryUrl());
        assertEquals("http://127.0.0.1:8082", s.featureStoreUrl());
        assertEquals("http://127.0.0.1:8083", s.inferenceUrl());
        assertEquals("http://127.0.0.1:8084", s.monitorUrl());
        assertEquals(Path.of("/home/ada/.mlops/artifacts"), s.artifactDir());
        assertEquals(Path.of("/home/ada/.mlops/logs/kafka.log"), s.logFile("kafka"));
        assertEquals(Path.of("/home/ada/.mlops/run/drift-monitor.pid"), s.pidFile("drift-monitor"));
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("MLOPS_HOME", "/data/mlops"),
                Map.entry("MLOPS_DB_URL", "jdbc:postgresql://db:5432/mlops"),
                Map.entry("MLOPS_DB_USER", "mlops"),
                Map.entry("MLOPS_DB_PASSWORD", "secret"),
                Map.entry("MLOPS_KAFKA_BOOTSTRAP", "kafka:9092"),
                Map.entry("MLOPS_REGISTRY_URL", "http://registry"),
                Map.entry("MLOPS_FEATURE_STORE_URL", "http://features"),
                Map.entry("MLOPS_INFERENCE_URL", "http://inference"),
                Map.entry("MLOPS_MONITOR_URL", "http://monitor"),
                Map.entry("MLOPS_ARTIFACT_DIR", "/blobs"),
                Map.entry("MLOPS_KAFKA_LIB", "/opt/kafka/libs"));
        LocalPlatformSettings s = LocalPlatformSettings.from(env, props("mlops.root", "/checkout"));

        assertEquals(Path.of("/data/mlops"), s.home());
        assertEquals(Path.of("/checkout"), s.root());
        assertEquals(Path.of("/opt/kafka/libs"), s.kafkaLib());
        assertEquals("kafka:9092", s.kafkaBootstrap());
        assertTrue(s.externalKafka());
        assertEquals("jdbc:postgresql://db:5432/mlops", s.dbUrl());
        assertTrue(s.externalDb());
        assertEquals("mlops", s.dbUser());
        assertEquals("secret", s.dbPassword());
        assertEquals(Path.of("/blobs"), s.artifactDir());
        assertEquals(Map.of(
                "MLOPS_HOME", "/data/mlops",
                "MLOPS_DB_URL", "jdbc:postgresql://db:5432/mlops",
                "MLOPS_DB_USER", "mlops",
                "MLOPS_DB_PASSWORD", "secret",
                "MLOPS_KAFKA_BOOTSTRAP", "kafka:9092",
                "MLOPS_REGISTRY_URL", "http://registry",
                "MLOPS_FEATURE_STORE_URL", "http://features",
                "MLOPS_INFERENCE_URL", "http://inference",
                "MLOPS_MONITOR_URL", "http://monitor",
                "MLOPS_ARTIFACT_DIR", "/blobs"), s.serviceEnvironment());
    }

    @Test
    void theKafkaLibSystemPropertyWinsOverTheEnvironment() {
        LocalPlatformSettings s = LocalPlatformSettings.from(Map.of("MLOPS_KAFKA_LIB", "/from/env"),
                props("mlops.kafka.lib", "/from/property"));

        assertEquals(Path.of("/from/property"), s.kafkaLib());
    }

    @Test
    void blankValuesCountAsUnsetAndTildeMeansHome() {
        LocalPlatformSettings s = LocalPlatformSettings.from(
                Map.of("MLOPS_DB_URL", " ", "MLOPS_HOME", "~/platform"), props());

        assertFalse(s.externalDb());
        assertEquals(Path.of("/home/ada/platform"), s.home());
        assertEquals(Path.of("/home/ada/platform/artifacts"), s.artifactDir());
    }

    @Test
    void theLocalBrokerUnderAnotherSpellingIsNotExternal() {
        assertFalse(LocalPlatformSettings.from(Map.of("MLOPS_KAFKA_BOOTSTRAP", "localhost:9092"), props())
                .externalKafka());
        assertTrue(LocalPlatformSettings.from(Map.of("MLOPS_KAFKA_BOOTSTRAP", "127.0.0.1:19092"), props())
                .externalKafka());
    }
}
