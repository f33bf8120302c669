package io.mlops.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** kafka-clients is optional: only {@code io.mlops.events.kafka} may refer to it. */
class KafkaIsolationTest {

    @Test
    void onlyTheKafkaPackageReferencesKafkaClasses() throws IOException, URISyntaxException {
        Path root = Path.of(EventJson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path kafkaPackage = root.resolve("io/mlops/events/kafka");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root.resolve("io/mlops/events"))) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }

        assertTrue(classes.stream().anyMatch(f -> f.startsWith(kafkaPackage)), "kafka serde classes compiled");
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (file.startsWith(kafkaPackage)) {
                assertTrue(constants.contains("org/apache/kafka/"), file + " is the Kafka serde");
            } else {
                assertFalse(constants.contains("org/apache/kafka/"), file + " must not load Kafka classes");
            }
        }
    }
}
