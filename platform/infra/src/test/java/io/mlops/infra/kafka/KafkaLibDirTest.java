package io.mlops.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.InfraStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLibDirTest {

    @TempDir
    Path tmp;

    @Test
    void startingWithAMissingLibDirSaysHowToBuildIt() {
        KafkaBrokerConfig config = new KafkaBrokerConfig(tmp.resolve("no-such-lib"), tmp.resolve("data"), 0, null, "256m", false);

        InfraStartException e = assertThrows(InfraStartException.class, () -> KafkaBroker.start(config));

        assertTrue(e.getMessage().contains("no-such-lib"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -DskipTests install"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("data")), "nothing is written before the lib dir is checked");
    }

    @Test
    void aLibDirWithoutTheBrokerJarIsRejected() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(empty.resolve("kafka-clients-4.1.1.jar"), "not the broker");

        InfraStartException e = assertThrows(InfraStartException.class, () -> KafkaLibDir.verify(empty));

        assertTrue(e.getMessage().contains("kafka_2.13-"), e.getMessage());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentAndIsVerified() {
        Path lib = KafkaLibDir.locate();

        InfraStartException e = assertThrows(InfraStartException.class,
                () -> KafkaLibDir.locate(tmp.resolve("missing").toString(), lib.toString(), tmp));
        assertTrue(e.getMessage().contains("mvn -DskipTests install"), e.getMessage());

        assertEquals(lib, KafkaLibDir.locate(null, lib.toString(), tmp));
        assertEquals(lib, KafkaLibDir.locate(" ", lib.toString(), tmp));
    }

    @Test
    void theBuildOutputIsFoundFromAnyFolderInsideTheProject() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("project"));
        Path lib = Files.createDirectories(root.resolve(KafkaLibDir.BUILD_OUTPUT));
        Files.writeString(lib.resolve("kafka_2.13-4.4.0.jar"), "");
        Path module = Files.createDirectories(root.resolve("model-registry").resolve("target"));

        assertEquals(lib.toRealPath(), KafkaLibDir.locate(null, null, module).toRealPath());
    }

    @Test
    void outsideAProjectWithNothingConfiguredTheMessageSaysWhatToDo() {
        InfraStartException e = assertThrows(InfraStartException.class, () -> KafkaLibDir.locate(null, null, tmp));
        assertTrue(e.getMessage().contains(KafkaLibDir.PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -DskipTests install"), e.getMessage());
    }

    @Test
    void theBuildOutputIsFound() {
        Path lib = KafkaLibDir.locate();
        assertEquals("lib", lib.getFileName().toString());
        assertTrue(Files.isDirectory(lib));
    }

    @Test
    void configRejectsNonsense() {
        Path dir = tmp;
        assertThrows(IllegalArgumentException.class, () -> new KafkaBrokerConfig(dir, dir, -1, null, "512m", false));
        assertThrows(IllegalArgumentException.class, () -> new KafkaBrokerConfig(dir, dir, 0, null, "lots", false));
        assertThrows(NullPointerException.class, () -> new KafkaBrokerConfig(null, dir, 0, null, "512m", false));
        assertEquals(dir.resolve("broker.log"), new KafkaBrokerConfig(dir, dir, 0, null, "512m", false).logFile());
    }
}
