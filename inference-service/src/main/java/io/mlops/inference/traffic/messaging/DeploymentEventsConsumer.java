package io.mlops.inference.traffic.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlops.common.kafka.BroadcastConsumer;
import io.mlops.events.CloudEvent;
import io.mlops.events.Topics;
import io.mlops.inference.messaging.EachEventOnce;
import io.mlops.inference.traffic.service.DeploymentResync;
import io.mlops.inference.traffic.service.DeploymentService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies deployments changed through any replica. The event says which model changed; the row
 * in PostgreSQL says how, so a late or repeated event can never roll a split back.
 */
@ApplicationScoped
public class DeploymentEventsConsumer {

    private final DeploymentService deployments;
    private final DeploymentResync resync;
    private final MeterRegistry meters;
    private final String bootstrapServers;
    private BroadcastConsumer consumer;

    public DeploymentEventsConsumer(DeploymentService deployments, DeploymentResync resync, MeterRegistry meters,
                                    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.deployments = deployments;
        this.resync = resync;
        this.meters = meters;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes @Priority(200) StartupEvent event) {
        consumer = new BroadcastConsumer(bootstrapServers, Topics.INFERENCE_DEPLOYMENTS, "inference-deployments",
                new EachEventOnce(this::apply), this::refreshAll).bindMetrics(meters);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /**
     * On every (re)positioning of the stream: changes before it are not replayed, so all are
     * re-read; a read that fails is retried by the resync, not left until the periodic re-read.
     */
    private void refreshAll() {
        try {
            deployments.refreshAll();
        } catch (RuntimeException e) {
            resync.afterFailure("every model", e);
        }
    }

    private void apply(CloudEvent<?> event) {
        if (event.subject() != null) {
            try {
                deployments.refresh(event.subject());
            } catch (RuntimeException e) {
                resync.afterFailure(event.subject(), e);
            }
        }
    }
}
