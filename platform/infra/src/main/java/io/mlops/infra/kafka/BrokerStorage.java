package io.mlops.infra.kafka;

import io.mlops.infra.InfraStartException;
import io.mlops.infra.support.JavaCommand;
import io.mlops.infra.support.LogTail;
import io.mlops.infra.support.ProcessStopper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * Formats the KRaft storage of a data dir once. A KRaft node refuses to start on unformatted
 * storage; formatting again would wipe nothing but fails, so it is skipped when
 * {@code meta.properties} exists. The cluster id is kept in the data dir, so an interrupted
 * format is retried with the same id.
 */
final class BrokerStorage {

    static final String CLUSTER_ID_FILE = "cluster.id";

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private BrokerStorage() {
    }

    static boolean isFormatted(Path dataDir) {
        return Files.isRegularFile(ServerPropertiesWriter.logDir(dataDir).resolve("meta.properties"));
    }

    /** Formats the storage unless already done; returns the cluster id. */
    static String formatIfNeeded(KafkaBrokerConfig config, Path serverProperties, Path logConfig) {
        String clusterId = clusterId(config.dataDir());
        if (!isFormatted(config.dataDir())) {
            run(BrokerCommand.format(config, serverProperties, logConfig, clusterId), config.logFile());
        }
        return clusterId;
    }

    private static String clusterId(Path dataDir) {
        Path file = dataDir.resolve(CLUSTER_ID_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    private static void run(JavaCommand command, Path logFile) {
        try {
            Process process = new ProcessBuilder(command.toList())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessStopper.stop(process, Duration.ZERO);
                throw new InfraStartException("Formatting the Kafka storage took over " + FORMAT_TIMEOUT.toSeconds()
                        + " s; see " + logFile + ":\n" + LogTail.of(logFile, 30));
            }
            if (process.exitValue() != 0) {
                throw new InfraStartException("Formatting the Kafka storage failed (exit code " + process.exitValue()
                        + "); last lines of " + logFile + ":\n" + LogTail.of(logFile, 30));
            }
        } catch (IOException e) {
            throw new InfraStartException("Cannot run " + command.toList(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraStartException("Interrupted while formatting the Kafka storage", e);
        }
    }
}
