package io.mlops.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.support.FreePorts;
import io.mlops.infra.support.JavaCommand;
import io.mlops.infra.support.LogTail;
import io.mlops.infra.support.ProcessStopper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker started with a parent pid exits by itself once that process is gone. */
class BrokerMainTest {

    @TempDir
    Path dataDir;

    @Test
    void brokerExitsCleanlyWhenItsParentDies() throws Exception {
        KafkaBrokerConfig config = new KafkaBrokerConfig(KafkaLibDir.locate(), dataDir, 0, null, "256m", true,
                KafkaBrokerConfig.FAST_START_OPTIONS);
        int[] ports = FreePorts.pick(2);
        BrokerPorts brokerPorts = new BrokerPorts(ports[0], ports[1]);
        Path properties = ServerPropertiesWriter.write(dataDir, brokerPorts);
        Path logConfig = BrokerLogConfigWriter.write(dataDir);
        BrokerStorage.formatIfNeeded(config, properties, logConfig);

        Process parent = new ProcessBuilder("sleep", "120").start();
        JavaCommand command = BrokerCommand.broker(config, properties, logConfig, OptionalLong.of(parent.pid()),
                BrokerMainClasspath.entry(dataDir));
        Process broker = new ProcessBuilder(command.toList())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()))
                .start();
        try {
            assertTrue(awaitPort(brokerPorts.client(), KafkaBroker.START_TIMEOUT), () -> LogTail.of(config.logFile(), 40));
            assertTrue(broker.isAlive());

            parent.destroyForcibly().waitFor();
            assertTrue(broker.waitFor(60, TimeUnit.SECONDS), () -> "still running; " + LogTail.of(config.logFile(), 40));

            assertEquals(0, broker.exitValue(), () -> LogTail.of(config.logFile(), 40));
            String log = Files.readString(config.logFile());
            assertTrue(log.contains("Parent process " + parent.pid() + " is gone"), () -> LogTail.of(config.logFile(), 40));
            assertTrue(log.contains("shut down completed") || log.contains("shutdown completed"), () -> LogTail.of(config.logFile(), 40));
        } finally {
            parent.destroyForcibly();
            ProcessStopper.stop(broker, Duration.ofSeconds(5));
        }
    }

    @Test
    void brokerDoesNotStartForAParentThatIsAlreadyGone() throws Exception {
        Process parent = new ProcessBuilder("true").start();
        parent.waitFor();
        Path classes = Path.of(BrokerMainClasspath.entry(dataDir));
        JavaCommand command = new JavaCommand(List.of(), List.of(classes.toString()), BrokerMain.class.getName(),
                List.of("--parent-pid", Long.toString(parent.pid()), "server.properties"));
        Process main = new ProcessBuilder(command.toList())
                .redirectErrorStream(true)
                .start();
        assertTrue(main.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, main.exitValue());
        assertTrue(new String(main.getInputStream().readAllBytes()).contains("not starting the broker"));
    }

    private static boolean awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return false;
    }
}
