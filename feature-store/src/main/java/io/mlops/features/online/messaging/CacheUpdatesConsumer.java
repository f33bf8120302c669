package io.mlops.features.online.messaging;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's read cache coherent with every replica's writes by following
 * {@code mlops.features.updates.v1} from its end.
 *
 * <p>Every replica must see every event, so instead of a consumer group with a random id per
 * instance (which leaves an abandoned group on the broker after each restart and waits for a
 * rebalance at start-up) it assigns itself all partitions and commits nothing. The position is
 * fixed at start-up before any request is served: an update committed earlier is already in
 * PostgreSQL, so any later cache load reads it.
 */
@ApplicationScoped
public class CacheUpdatesConsumer {

    private static final Logger LOG = Logger.getLogger(CacheUpdatesConsumer.class);
    private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);

    private final OnlineConfig config;
    private final OnlineCache cache;
    private final ViewCatalog catalog;
    private final String bootstrapServers;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private volatile boolean running = true;
    private volatile long eventsApplied;

    public CacheUpdatesConsumer(OnlineConfig config, OnlineCache cache, ViewCatalog catalog,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
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
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "feature-store-cache-updates",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            assignFromEnd();
        } catch (RuntimeException e) {
            LOG.warnf("Could not position the cache update consumer yet (retrying in the background): %s", e.getMessage());
        }
        thread = new Thread(this::run, "feature-cache-updates");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Events applied since start, for tests and diagnostics. */
    public long eventsApplied() {
        return eventsApplied;
    }

    private void run() {
        long nextPartitionCheck = 0;
        try (KafkaConsumer<byte[], byte[]> closing = consumer) {
            while (running) {
                try {
                    if (System.nanoTime() - nextPartitionCheck > 0) {
                        assignNewPartitions();
                        nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(config.updates().pollTimeout())) {
                        apply(record);
                    }
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("Cache update consumer failed, retrying: %s", e.getMessage());
                    nextPartitionCheck = 0;
                    sleep();
                }
            }
        }
    }

    private void assignFromEnd() {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition p : partitions) {
            consumer.position(p);
        }
    }

    /** Partitions added to the topic later are read from their beginning: all their events are new. */
    private void assignNewPartitions() {
        Set<TopicPartition> current = consumer.assignment();
        List<TopicPartition> all = partitions();
        if (current.isEmpty()) {
            assignFromEnd();
            return;
        }
        if (!current.containsAll(all)) {
            List<TopicPartition> added = all.stream().filter(p -> !current.contains(p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.FEATURES_UPDATES);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.FEATURES_UPDATES + " has no partitions yet");
        }
        List<TopicPartition> out = new ArrayList<>(infos.size());
        for (PartitionInfo info : infos) {
            out.add(new TopicPartition(info.topic(), info.partition()));
        }
        return out;
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

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
