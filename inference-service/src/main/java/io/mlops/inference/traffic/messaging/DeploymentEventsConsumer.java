package io.mlops.inference.traffic.messaging;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.InvalidEventException;
import io.mlops.events.Topics;
import io.mlops.inference.messaging.BroadcastConsumer;
import io.mlops.inference.support.RecentIds;
import io.mlops.inference.traffic.service.DeploymentService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies deployments changed through any replica. The event says which model changed; the row
 * in PostgreSQL says how, so a late or repeated event can never roll a split back.
 */
@ApplicationScoped
public class DeploymentEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DeploymentEventsConsumer.class);

    private final DeploymentService deployments;
    private final String bootstrapServers;
    private final RecentIds seen = new RecentIds(10_000);
    private BroadcastConsumer consumer;

    public DeploymentEventsConsumer(DeploymentService deployments,
                                    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.deployments = deployments;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes @Priority(200) StartupEvent event) {
        consumer = new BroadcastConsumer(bootstrapServers, Topics.INFERENCE_DEPLOYMENTS, "inference-deployments",
                this::apply, deployments::refreshAll);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        CloudEvent<?> event;
        try {
            event = EventJson.fromBytes(record.value());
        } catch (InvalidEventException e) {
            LOG.warnf("Ignoring an unreadable deployment event at offset %d: %s", record.offset(), e.getMessage());
            return;
        }
        if (seen.add(event.id()) && event.subject() != null) {
            deployments.refresh(event.subject());
        }
    }
}
