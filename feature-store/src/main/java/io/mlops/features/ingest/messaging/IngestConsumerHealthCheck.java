package io.mlops.features.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the ingest consumer threads run. Having no partitions is fine (more replicas than
 * partitions), so that is reported but not a failure.
 */
@Liveness
@ApplicationScoped
public class IngestConsumerHealthCheck implements HealthCheck {

    private final IngestConsumer consumer;

    public IngestConsumerHealthCheck(IngestConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("feature-ingest-consumer")
                .withData("assignedPartitions", consumer.assignedPartitions())
                .status(consumer.alive())
                .build();
    }
}
