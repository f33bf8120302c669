package io.mlops.monitor.stream.health;

import io.mlops.monitor.stream.messaging.StreamConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live only while the stream thread runs: a dead consumer thread would leave the service answering
 * with stale verdicts forever, which a restart fixes. Broker or database outages do not kill the
 * thread (it waits and restores), so they never fail this check.
 */
@Liveness
@ApplicationScoped
public class StreamLivenessCheck implements HealthCheck {

    private final StreamConsumer consumer;

    public StreamLivenessCheck(StreamConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("drift-stream").status(consumer.alive()).build();
    }
}
