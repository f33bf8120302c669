package io.mlops.features.online.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlops.common.kafka.BroadcastConsumer;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.InvalidEventException;
import io.mlops.events.Topics;
import io.mlops.events.features.OnlineUpdated;
import io.mlops.features.config.OnlineConfig;
import io.mlops.features.online.service.OnlineCache;
import io.mlops.features.view.service.EntityKeys;
import io.mlops.features.view.service.ViewCatalog;
import io.mlops.features.view.service.ViewHistory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's read cache coherent with every replica's writes by following
 * {@code mlops.features.updates.v1} from its end.
 *
 * <p>Every replica must see every event, so it follows all partitions without a consumer group
 * ({@link BroadcastConsumer}) and commits nothing. The position is fixed at start-up before any
 * request is served: an update committed earlier is already in PostgreSQL, so any later cache load
 * reads it. If Kafka cannot be reached then, the position is fixed later, and the cache is emptied
 * at that moment.
 */
@ApplicationScoped
public class CacheUpdatesConsumer {

    private static final Logger LOG = Logger.getLogger(CacheUpdatesConsumer.class);

    private final OnlineConfig config;
    private final OnlineCache cache;
    private final ViewCatalog catalog;
    private final String bootstrapServers;
    private final MeterRegistry meters;
    private BroadcastConsumer consumer;
    private volatile long eventsApplied;

    public CacheUpdatesConsumer(OnlineConfig config, OnlineCache cache, ViewCatalog catalog, MeterRegistry meters,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.meters = meters;
        this.config = config;
        this.cache = cache;
        this.catalog = catalog;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (!config.updates().enabled()) {
            LOG.info("Cache update consumer disabled");
            return;
        }
        consumer = new BroadcastConsumer(bootstrapServers, Topics.FEATURES_UPDATES, "feature-store-cache-updates",
                config.updates().pollTimeout(), this::apply, this::positioned).bindMetrics(meters);
        consumer.positionThenStart();
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /** Events applied since start, for tests and diagnostics. */
    public long eventsApplied() {
        return eventsApplied;
    }

    /**
     * Positioned at the end of the stream. At start-up the cache is still empty; but if Kafka was
     * away then, the service has been filling its cache without seeing other replicas' updates,
     * which the new position skips: everything cached so far is dropped.
     */
    private void positioned() {
        cache.invalidateAll();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        OnlineUpdated update;
        try {
            CloudEvent<OnlineUpdated> event = EventJson.fromBytes(record.value(), OnlineUpdated.class);
            update = event.data();
        } catch (InvalidEventException e) {
            LOG.warnf("Ignoring unreadable update event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (update == null || update.featureView() == null || update.keys() == null) {
            return;
        }
        ViewHistory view = catalog.find(update.featureView());
        if (view == null) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Object key : update.keys()) {
            try {
                keys.add(EntityKeys.fromEventKey(view.latest().joinKeys(), key));
            } catch (IllegalArgumentException e) {
                LOG.debugf("Ignoring key %s of %s: %s", key, update.featureView(), e.getMessage());
            }
        }
        cache.refreshIfCached(update.featureView(), keys);
        eventsApplied++;
    }
}
