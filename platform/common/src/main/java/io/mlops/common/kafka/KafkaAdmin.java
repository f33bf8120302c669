package io.mlops.common.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A lazily created admin client for health probes. Created on first use so that start-up never
 * waits for Kafka, and shared so that each probe does not open new connections.
 */
@ApplicationScoped
public class KafkaAdmin {

    private final String bootstrapServers;
    private volatile Admin admin;

    public KafkaAdmin(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The cluster id, or an exception when no broker answers within the timeout. */
    public String clusterId(long timeoutMillis) throws Exception {
        return client().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMillis))
                .clusterId().get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private Admin client() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "health-probe",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
