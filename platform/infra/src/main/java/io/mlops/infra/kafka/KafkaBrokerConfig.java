package io.mlops.infra.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to run a single-node Kafka broker.
 *
 * @param libDir      folder holding the broker's jars (see {@link KafkaLibDir#locate()})
 * @param dataDir     folder for {@code server.properties}, the log4j2 config and the partition logs;
 *                    starting again on the same folder keeps the cluster id and every record
 * @param port        client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
 * @param logFile     where the broker's output goes (appended); {@code null} means
 *                    {@code dataDir/broker.log}
 * @param maxHeap     the broker JVM's {@code -Xmx} value, such as {@code 512m}
 * @param watchParent if true the broker exits by itself when the JVM that launched it dies, even
 *                    when that JVM is killed with SIGKILL; use it for tests, not for a broker that
 *                    must outlive its launcher
 * @param jvmOptions  further options for the broker JVM, such as {@link #FAST_START_OPTIONS}
 */
public record KafkaBrokerConfig(Path libDir, Path dataDir, int port, Path logFile, String maxHeap, boolean watchParent,
                                List<String> jvmOptions) {

    /** Heap that holds a development broker comfortably (~340 MB resident). */
    public static final String DEFAULT_MAX_HEAP = "512m";

    /**
     * For short-lived brokers with little traffic, such as tests': only the C1 JIT compiler, which
     * starts the broker about a third faster on a busy two-core machine (~3 s instead of ~4.5 s)
     * at the cost of peak throughput, so not for benchmarks or the local platform.
     */
    public static final List<String> FAST_START_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");

    public KafkaBrokerConfig {
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (!HEAP_SIZE.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("maxHeap must look like 512m or 1g, was '" + maxHeap + "'");
        }
        libDir = libDir.toAbsolutePath();
        dataDir = dataDir.toAbsolutePath();
        logFile = logFile == null ? dataDir.resolve("broker.log") : logFile.toAbsolutePath();
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
    }

    /** A broker JVM with the standard options only. */
    public KafkaBrokerConfig(Path libDir, Path dataDir, int port, Path logFile, String maxHeap, boolean watchParent) {
        this(libDir, dataDir, port, logFile, maxHeap, watchParent, List.of());
    }

    /** A broker on {@code dataDir} with the located lib dir, a free port and the default heap. */
    public static KafkaBrokerConfig of(Path dataDir, boolean watchParent) {
        return new KafkaBrokerConfig(KafkaLibDir.locate(), dataDir, 0, null, DEFAULT_MAX_HEAP, watchParent);
    }
}
