package io.mlops.infra.kafka;

import io.mlops.events.Topics;
import io.mlops.infra.InfraStartException;
import io.mlops.infra.support.JavaCommand;
import io.mlops.infra.support.NewSession;
import io.mlops.infra.support.ProcessStopper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * running in its own JVM with its own class path. It never runs inside the caller's JVM: the
 * Quarkus BOM pins an older kafka-clients, and a 4.4 broker fails on that class path.
 *
 * <p>{@link #start} writes {@code server.properties} and a log4j2 config into the data dir,
 * formats the storage the first time, launches the JVM, waits until the broker answers an admin
 * request and creates every topic of {@link Topics#all()} that is missing (3 partitions,
 * replication 1). Starting again on the same data dir keeps every record.
 */
public final class KafkaBroker implements AutoCloseable {

    /**
     * Time allowed for the broker to answer and for the platform's topics to be created: ~3 s on
     * an idle machine, but several brokers and builds may share two busy cores.
     */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Time allowed for a clean shutdown after SIGTERM before the JVM is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final KafkaBrokerConfig config;
    private final BrokerPorts ports;
    private volatile Process process;

    private KafkaBroker(KafkaBrokerConfig config, BrokerPorts ports) {
        this.config = config;
        this.ports = ports;
    }

    /**
     * Starts a broker and returns once it serves requests and the platform's topics exist.
     *
     * @throws InfraStartException if the lib dir holds no broker, or the broker does not come up
     *                             within {@link #START_TIMEOUT} (the message holds the end of its log)
     */
    public static KafkaBroker start(KafkaBrokerConfig config) {
        KafkaLibDir.verify(config.libDir());
        createDirectories(config.dataDir(), config.logFile().getParent());
        KafkaBroker broker = new KafkaBroker(config, BrokerPorts.choose(config.port()));
        broker.launch();
        return broker;
    }

    /**
     * Stops the broker if it runs, then starts it again on the same data dir and the same ports, so
     * clients configured with {@link #bootstrapServers()} reconnect by themselves.
     */
    public synchronized void restart() {
        stop();
        BrokerPorts.requireFree(ports.client());
        launch();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + ports.client();
    }

    public int port() {
        return ports.client();
    }

    /** Pid of the broker JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Path logFile() {
        return config.logFile();
    }

    /**
     * Sends SIGTERM and waits up to {@link #STOP_GRACE} for Kafka's clean shutdown, then kills the
     * JVM. Does nothing if the broker is not running.
     */
    public synchronized void stop() {
        Process current = process;
        if (current != null) {
            ProcessStopper.stop(current, STOP_GRACE);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", dataDir=" + config.dataDir() + ", log=" + config.logFile() + "]";
    }

    private void launch() {
        Path serverProperties = ServerPropertiesWriter.write(config.dataDir(), ports);
        Path logConfig = BrokerLogConfigWriter.write(config.dataDir());
        BrokerStorage.formatIfNeeded(config, serverProperties, logConfig);
        OptionalLong parentPid = config.watchParent() ? OptionalLong.of(ProcessHandle.current().pid()) : OptionalLong.empty();
        String brokerMain = config.watchParent() ? BrokerMainClasspath.entry(config.dataDir()) : null;
        process = spawn(BrokerCommand.broker(config, serverProperties, logConfig, parentPid, brokerMain));
        try (Admin admin = Admin.create(adminConfig())) {
            long startNanos = System.nanoTime();
            BrokerReadiness.await(process, ports.client(), admin, START_TIMEOUT, config.logFile());
            Duration left = START_TIMEOUT.minusNanos(System.nanoTime() - startNanos);
            TopicCreator.ensure(admin, Topics.all(), ServerPropertiesWriter.DEFAULT_PARTITIONS,
                    left.isNegative() ? Duration.ZERO : left);
        } catch (RuntimeException e) {
            ProcessStopper.stop(process, Duration.ofSeconds(5));
            throw e;
        }
    }

    private Process spawn(JavaCommand command) {
        // A broker meant to outlive its launcher gets its own session, like the services: a Ctrl-C
        // in the terminal that ran it (during a demo's traffic, say) must not reach it.
        List<String> line = config.watchParent() ? command.toList() : NewSession.prefix(command.toList());
        try {
            Process started = new ProcessBuilder(line)
                    .directory(config.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()))
                    .start();
            started.getOutputStream().close();
            return started;
        } catch (IOException e) {
            throw new InfraStartException("Cannot launch the Kafka broker JVM: " + line, e);
        }
    }

    private Map<String, Object> adminConfig() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "mlops-infra-launcher",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    }

    private static void createDirectories(Path... dirs) {
        for (Path dir : dirs) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new InfraStartException("Cannot create directory " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
