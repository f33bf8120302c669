package io.mlops.infra.kafka;

import io.mlops.infra.support.JavaCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Command lines for the broker's JVMs. The class path is only the lib dir (plus {@link BrokerMain}
 * when the parent is watched): nothing of the launching application may leak into it, since the
 * Quarkus BOM pins an older kafka-clients that breaks a 4.4 broker.
 */
final class BrokerCommand {

    static final String KAFKA_MAIN = "kafka.Kafka";
    static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";

    private BrokerCommand() {
    }

    /** {@code kafka.tools.StorageTool format}: a short-lived JVM, so tuned for start-up time. */
    static JavaCommand format(KafkaBrokerConfig config, Path serverProperties, Path logConfig, String clusterId) {
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + logConfig);
        return new JavaCommand(jvm, List.of(JavaCommand.allJarsIn(config.libDir())), STORAGE_TOOL_MAIN,
                List.of("format", "-t", clusterId, "-c", serverProperties.toString()));
    }

    /**
     * The broker itself. With a parent pid the entry point is {@link BrokerMain}, which exits when
     * that process dies; otherwise {@code kafka.Kafka} directly.
     */
    static JavaCommand broker(KafkaBrokerConfig config, Path serverProperties, Path logConfig,
                              OptionalLong parentPid, String brokerMainClasspath) {
        List<String> jvm = new ArrayList<>(List.of(
                "-Xmx" + config.maxHeap(),
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig,
                // Kafka's own shutdown hook logs until the end; log4j2's hook would stop the appender first.
                "-Dlog4j2.shutdownHookEnabled=false"));
        jvm.addAll(config.jvmOptions());
        List<String> classpath = new ArrayList<>();
        classpath.add(JavaCommand.allJarsIn(config.libDir()));
        List<String> args = new ArrayList<>();
        String main = KAFKA_MAIN;
        if (parentPid.isPresent()) {
            classpath.add(brokerMainClasspath);
            main = BrokerMain.class.getName();
            args.add(BrokerMain.PARENT_PID_OPTION);
            args.add(Long.toString(parentPid.getAsLong()));
        }
        args.add(serverProperties.toString());
        return new JavaCommand(jvm, classpath, main, args);
    }
}
