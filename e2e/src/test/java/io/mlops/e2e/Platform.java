package io.mlops.e2e;

import io.mlops.infra.kafka.KafkaBroker;
import io.mlops.infra.kafka.KafkaBrokerConfig;
import io.mlops.infra.kafka.KafkaLibDir;
import io.mlops.infra.postgres.PostgresConfig;
import io.mlops.infra.postgres.PostgresServer;
import io.mlops.infra.support.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform as real processes on random ports: PostgreSQL, a Kafka broker and the four
 * service jars, configured through the same environment variables as in production.
 */
final class Platform implements AutoCloseable {

    static final List<String> SERVICES = List.of("model-registry", "feature-store", "inference-service", "drift-monitor");

    private final PostgresServer postgres;
    private final KafkaBroker broker;
    private final Map<String, ServiceProcess> services = new HashMap<>();
    private final List<AutoCloseable> started = new ArrayList<>();

    private Platform(PostgresServer postgres, KafkaBroker broker) {
        this.postgres = postgres;
        this.broker = broker;
        started.add(broker);
        started.add(postgres);
    }

    /** Starts everything; {@code extraProperties} are system properties per service (e.g. window sizes). */
    static Platform start(Map<String, Map<String, String>> extraProperties) throws Exception {
        Path root = Path.of(System.getProperty("mlops.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("mlops-e2e-");
        Path logs = root.resolve("e2e/target/e2e-logs");
        PostgresServer postgres = PostgresServer.start(new PostgresConfig(null, 0, logs.resolve("postgres.log"), true));
        KafkaBroker broker = KafkaBroker.start(new KafkaBrokerConfig(KafkaLibDir.locate(), work.resolve("kafka"), 0,
                logs.resolve("kafka.log"), "512m", true));
        Platform platform = new Platform(postgres, broker);
        try {
            Map<String, Integer> ports = new HashMap<>();
            int[] free = FreePorts.pick(SERVICES.size());
            for (int i = 0; i < free.length; i++) {
                ports.put(SERVICES.get(i), free[i]);
            }
            Map<String, String> env = new HashMap<>();
            env.put("MLOPS_HOME", work.toString());
            env.put("MLOPS_ARTIFACT_DIR", work.resolve("artifacts").toString());
            env.put("MLOPS_DB_URL", postgres.jdbcUrl());
            env.put("MLOPS_DB_USER", postgres.user());
            env.put("MLOPS_DB_PASSWORD", postgres.password());
            env.put("MLOPS_KAFKA_BOOTSTRAP", broker.bootstrapServers());
            env.put("MLOPS_REGISTRY_URL", "http://127.0.0.1:" + ports.get("model-registry"));
            env.put("MLOPS_FEATURE_STORE_URL", "http://127.0.0.1:" + ports.get("feature-store"));
            env.put("MLOPS_INFERENCE_URL", "http://127.0.0.1:" + ports.get("inference-service"));
            env.put("MLOPS_MONITOR_URL", "http://127.0.0.1:" + ports.get("drift-monitor"));
            for (String service : SERVICES) {
                ServiceProcess process = ServiceProcess.start(service,
                        root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"), ports.get(service), env,
                        extraProperties.getOrDefault(service, Map.of()), logs);
                platform.services.put(service, process);
                platform.started.add(0, process);
            }
            for (String service : SERVICES) {
                platform.services.get(service).awaitReady(Duration.ofSeconds(180));
            }
            return platform;
        } catch (Exception e) {
            platform.close();
            throw e;
        }
    }

    String url(String service) {
        return services.get(service).url();
    }

    String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("could not stop " + resource + ": " + e);
            }
        }
    }
}
