package io.mlops.infra.testing;

import io.mlops.infra.kafka.KafkaBroker;
import io.mlops.infra.kafka.KafkaBrokerConfig;
import io.mlops.infra.kafka.KafkaLibDir;
import io.mlops.infra.postgres.PostgresConfig;
import io.mlops.infra.postgres.PostgresServer;
import io.mlops.infra.support.Directories;
import java.nio.file.Path;

/**
 * The one PostgreSQL server and the one Kafka broker of a test JVM, started on first use.
 *
 * <p>Quarkus may load test resource classes again in a new class loader each time it restarts the
 * application, which gives every copy of this class its own static fields. So the endpoints live
 * in JVM-wide system properties, and the servers are stopped by a JVM shutdown hook registered by
 * whichever copy started them.
 */
final class SharedInfra {

    static final String KAFKA_BOOTSTRAP = "mlops.test.kafka.bootstrap";
    static final String DB_URL = "mlops.test.db.url";
    static final String DB_USER = "mlops.test.db.user";
    static final String DB_PASSWORD = "mlops.test.db.password";

    /** Heap of a test broker: little traffic, and a Quarkus application runs next to it. */
    static final String TEST_BROKER_HEAP = "256m";

    /**
     * String literals are interned JVM-wide, so every class loader's copy of this class
     * synchronises on the same monitor and a server is never started twice.
     */
    private static final Object LOCK = "io.mlops.infra.testing.SharedInfra.lock";

    private SharedInfra() {
    }

    static String kafkaBootstrap() {
        synchronized (LOCK) {
            String existing = System.getProperty(KAFKA_BOOTSTRAP);
            if (existing != null) {
                return existing;
            }
            StaleTempDirs.clean(Path.of(System.getProperty("java.io.tmpdir")));
            KafkaBroker broker = startBroker("kafka-shared");
            onShutdown("shared-kafka-stop", () -> stopBroker(broker));
            System.setProperty(KAFKA_BOOTSTRAP, broker.bootstrapServers());
            return broker.bootstrapServers();
        }
    }

    static DbEndpoint postgres() {
        synchronized (LOCK) {
            String existing = System.getProperty(DB_URL);
            if (existing != null) {
                return new DbEndpoint(existing, System.getProperty(DB_USER), System.getProperty(DB_PASSWORD));
            }
            PostgresServer server = PostgresServer.start(
                    new PostgresConfig(null, 0, TestLocations.logFile("postgres-shared"), true));
            onShutdown("shared-postgres-stop", server::close);
            System.setProperty(DB_USER, server.user());
            System.setProperty(DB_PASSWORD, server.password());
            System.setProperty(DB_URL, server.jdbcUrl());
            return new DbEndpoint(server.jdbcUrl(), server.user(), server.password());
        }
    }

    /** A broker on a fresh temporary data dir that exits with this JVM even if it is killed. */
    static KafkaBroker startBroker(String logName) {
        KafkaBrokerConfig config = new KafkaBrokerConfig(KafkaLibDir.locate(), TestLocations.tempDir(StaleTempDirs.KAFKA_PREFIX), 0,
                TestLocations.logFile(logName), TEST_BROKER_HEAP, true, KafkaBrokerConfig.FAST_START_OPTIONS);
        try {
            return KafkaBroker.start(config);
        } catch (RuntimeException e) {
            Directories.deleteQuietly(config.dataDir());
            throw e;
        }
    }

    static void stopBroker(KafkaBroker broker) {
        broker.stop();
        Directories.deleteQuietly(broker.dataDir());
    }

    private static void onShutdown(String name, Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(action, name));
    }
}
