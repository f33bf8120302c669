package io.mlops.infra.kafka;

import io.mlops.infra.InfraStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the folder with the broker's own jars ({@code platform/kafka-server/target/lib}). The broker
 * needs Kafka 4.4 and its exact dependencies, which the Quarkus BOM would override, so they are
 * copied there by the build and never mixed with an application's class path.
 */
public final class KafkaLibDir {

    /** System property naming the lib dir; wins over everything else. */
    public static final String PROPERTY = "mlops.kafka.lib";
    /** Environment variable naming the lib dir, used when the system property is absent. */
    public static final String ENV = "MLOPS_KAFKA_LIB";
    /** Where the build puts the jars, relative to the project root. */
    public static final Path BUILD_OUTPUT = Path.of("platform", "kafka-server", "target", "lib");

    private static final String BROKER_JAR_PREFIX = "kafka_2.13-";

    private KafkaLibDir() {
    }

    /**
     * The lib dir from {@value #PROPERTY}, else {@value #ENV}, else the first
     * {@code platform/kafka-server/target/lib} found walking up from the working directory.
     *
     * @throws InfraStartException if none of them holds the broker's jars
     */
    public static Path locate() {
        return locate(System.getProperty(PROPERTY), System.getenv(ENV), Path.of(""));
    }

    static Path locate(String property, String env, Path workingDir) {
        String configured = isBlank(property) ? env : property;
        if (!isBlank(configured)) {
            return verify(Path.of(configured));
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(BUILD_OUTPUT);
            if (Files.isDirectory(candidate)) {
                return verify(candidate);
            }
        }
        throw new InfraStartException("The Kafka broker's jars were not found: set -D" + PROPERTY + "=<dir> or "
                + ENV + ", or run from inside the project after building it with "
                + "'mvn -DskipTests install' (it fills " + BUILD_OUTPUT + ").");
    }

    /**
     * Returns {@code dir} as an absolute path if it holds the broker jar.
     *
     * @throws InfraStartException saying how to produce the jars if it does not
     */
    public static Path verify(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw missing(absolute, "does not exist");
        }
        try (Stream<Path> files = Files.list(absolute)) {
            boolean hasBroker = files.anyMatch(f -> f.getFileName().toString().startsWith(BROKER_JAR_PREFIX));
            if (!hasBroker) {
                throw missing(absolute, "holds no " + BROKER_JAR_PREFIX + "*.jar");
            }
        } catch (IOException e) {
            throw new InfraStartException("Cannot read the Kafka lib dir " + absolute + ": " + e.getMessage(), e);
        }
        return absolute;
    }

    private static InfraStartException missing(Path dir, String problem) {
        return new InfraStartException("The Kafka lib dir " + dir + " " + problem + ". Build the broker's class path "
                + "first with 'mvn -DskipTests install' at the project root (it fills " + BUILD_OUTPUT
                + "), or point -D" + PROPERTY + " / " + ENV + " at a folder holding the Kafka broker jars.");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
