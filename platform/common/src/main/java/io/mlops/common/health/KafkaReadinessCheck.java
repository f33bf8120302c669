package io.mlops.common.health;

import io.mlops.common.kafka.KafkaAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a Kafka broker answers: every service publishes or consumes events. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final long TIMEOUT_MILLIS = 2_000;

    private final KafkaAdmin admin;

    public KafkaReadinessCheck(KafkaAdmin admin) {
        this.admin = admin;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kafka").withData("bootstrap", admin.bootstrapServers());
        try {
            return response.withData("clusterId", admin.clusterId(TIMEOUT_MILLIS)).up().build();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return response.withData("error", String.valueOf(cause.getMessage())).down().build();
        }
    }
}
