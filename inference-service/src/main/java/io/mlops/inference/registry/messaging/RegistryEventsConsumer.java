package io.mlops.inference.registry.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlops.common.kafka.BroadcastConsumer;
import io.mlops.events.CloudEvent;
import io.mlops.events.Topics;
import io.mlops.events.registry.AliasDeleted;
import io.mlops.events.registry.AliasSet;
import io.mlops.events.registry.ModelCreated;
import io.mlops.events.registry.ModelDeleted;
import io.mlops.inference.messaging.EachEventOnce;
import io.mlops.inference.model.service.ModelLifecycle;
import io.mlops.inference.model.service.RegistrySync;
import io.mlops.inference.registry.client.RegistryClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows {@code mlops.registry.events.v1} so an alias move reaches this replica in well under a
 * second: {@code alias.set} loads and swaps, {@code alias.deleted} unloads, each as the registry
 * has the alias when the event arrives. Every replica reads every event; each is applied once (by
 * event id).
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    private static final Logger LOG = Logger.getLogger(RegistryEventsConsumer.class);
    /** How long an event waits for the registry's view of its alias before it is applied as it says. */
    private static final Duration REREAD_TIMEOUT = Duration.ofSeconds(2);

    /** Re-reads of announced aliases, off the stream's thread so a hung one can be given up on. */
    private final ExecutorService rereads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "registry-alias-reread");
        t.setDaemon(true);
        return t;
    });

    private final ModelLifecycle lifecycle;
    private final RegistrySync sync;
    private final RegistryClient registry;
    private final MeterRegistry meters;
    private final String bootstrapServers;
    private BroadcastConsumer consumer;

    public RegistryEventsConsumer(ModelLifecycle lifecycle, RegistrySync sync, RegistryClient registry,
                                  MeterRegistry meters,
                                  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.lifecycle = lifecycle;
        this.sync = sync;
        this.registry = registry;
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
        rereads.shutdownNow();
    }

    private void apply(CloudEvent<?> event) {
        Object data = event.data();
        if (data instanceof AliasSet set) {
            LOG.debugf("alias.set %s@%s -> v%d", set.model(), set.alias(), set.version());
            applyCurrent(set.model(), set.alias(), set.version());
        } else if (data instanceof AliasDeleted deleted) {
            applyCurrent(deleted.model(), deleted.alias(), null);
        } else if (data instanceof ModelCreated created) {
            lifecycle.modelCreated(created.name());
        } else if (data instanceof ModelDeleted deleted) {
            lifecycle.modelDeleted(deleted.name());
        }
    }

    /**
     * An alias event says that the alias changed; the registry says where it points now. After a
     * broker outage the backlog arrives late and in order (moved to v4, then back to v3): applied
     * as they say, the first would load and serve v4 for a moment. When the registry cannot be
     * asked, the event is applied as it says, and the next sync corrects a stale one.
     */
    private void applyCurrent(String model, String alias, Integer announced) {
        Integer current;
        try {
            // Bounded: a hung registry must not hold every later alias event back for its full timeout.
            current = CompletableFuture.supplyAsync(() -> registry.model(model), rereads)
                    .get(REREAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .map(m -> m.aliases() == null ? null : m.aliases().get(alias)).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current = announced;
        } catch (ExecutionException | TimeoutException | RuntimeException unavailable) {
            LOG.debugf("Applying the alias event of %s@%s as it says; the registry cannot be asked: %s", model, alias,
                    unavailable.getMessage());
            current = announced;
        }
        if (current != null) {
            lifecycle.aliasSet(model, alias, current);
        } else {
            lifecycle.aliasDeleted(model, alias);
        }
    }
}
