package io.mlops.inference.registry.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlops.common.kafka.BroadcastConsumer;
import io.mlops.events.CloudEvent;
import io.mlops.events.Topics;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.ModelCreated;
import io.mlops.inference.messaging.EachEventOnce;
import io.mlops.inference.model.service.ModelLifecycle;
import io.mlops.inference.model.service.RegistrySync;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows {@code mlops.registry.events.v1} so an alias move reaches this replica in well under a
 * second: {@code alias.set} loads and swaps, {@code alias.deleted} unloads. Every replica reads
 * every event; each is applied once (by event id).
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    private static final Logger LOG = Logger.getLogger(RegistryEventsConsumer.class);

    private final ModelLifecycle lifecycle;
    private final RegistrySync sync;
    private final MeterRegistry meters;
    private final String bootstrapServers;
    private BroadcastConsumer consumer;

    public RegistryEventsConsumer(ModelLifecycle lifecycle, RegistrySync sync, MeterRegistry meters,
                                  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.lifecycle = lifecycle;
        this.sync = sync;
        this.meters = meters;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes @Priority(200) StartupEvent event) {
        // Re-read the registry whenever the stream is positioned: what happened before is not replayed.
        consumer = new BroadcastConsumer(bootstrapServers, Topics.REGISTRY_EVENTS, "inference-registry-events",
                new EachEventOnce(this::apply), sync::requestSync).bindMetrics(meters);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    private void apply(CloudEvent<?> event) {
        Object data = event.data();
        if (data instanceof AliasSet set) {
            LOG.debugf("alias.set %s@%s -> v%d", set.model(), set.alias(), set.version());
            lifecycle.aliasSet(set.model(), set.alias(), set.version());
        } else if (data instanceof AliasDeleted deleted) {
            lifecycle.aliasDeleted(deleted.model(), deleted.alias());
        } else if (data instanceof ModelCreated created) {
            lifecycle.modelCreated(created.name());
        }
    }
}
