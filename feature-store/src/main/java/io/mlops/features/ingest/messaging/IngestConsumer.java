package io.mlops.features.ingest.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.mlops.events.Topics;
import io.mlops.features.config.IngestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code mlops.features.ingest.v1} with a plain kafka-clients loop rather than SmallRye
 * Reactive Messaging, because ingestion needs three things the connector's per-message model makes
 * indirect: a whole poll written in one transaction (one SQL statement per view instead of one per
 * event), offsets committed only after that transaction and any dead-letter sends are acknowledged,
 * and a transient failure handled by rewinding and retrying the poll rather than by a failure
 * strategy. The connector's dead-letter queue also writes its own header names, not the contract's
 * {@code error}/{@code source-topic}/{@code source-offset}.
 *
 * <p>Delivery is at least once; the stores' upserts make a replayed record a no-op.
 */
@ApplicationScoped
public class IngestConsumer {

    private static final Logger LOG = Logger.getLogger(IngestConsumer.class);

    private final IngestConfig config;
    private final IngestBatchProcessor processor;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final List<Worker> workers = new ArrayList<>();

    public IngestConsumer(IngestConfig config, IngestBatchProcessor processor, MeterRegistry registry,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.processor = processor;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (!config.consumer().enabled()) {
            LOG.info("Ingest topic consumer disabled");
            return;
        }
        for (int i = 0; i < config.consumer().threads(); i++) {
            Worker worker = new Worker(i);
            workers.add(worker);
            worker.thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (Worker worker : workers) {
            worker.running = false;
            worker.consumer.wakeup();
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while every consumer thread is running (or consumption is disabled). */
    public boolean alive() {
        return workers.stream().allMatch(w -> w.thread.isAlive());
    }

    /** Partitions currently assigned to this replica, for health output. */
    public int assignedPartitions() {
        return workers.stream().mapToInt(w -> w.assigned).sum();
    }

    private final class Worker implements Runnable {

        final KafkaConsumer<byte[], byte[]> consumer;
        final Thread thread;
        volatile boolean running = true;
        volatile int assigned;

        Worker(int index) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumer().groupId());
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "feature-store-ingest-" + index);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.consumer().maxPollRecords());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            new KafkaClientMetrics(consumer).bindTo(registry);
            this.thread = new Thread(this, "feature-ingest-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try (consumer) {
                consumer.subscribe(List.of(Topics.FEATURES_INGEST));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(config.consumer().pollTimeout());
                    assigned = consumer.assignment().size();
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    LOG.error("Ingest consumer woken up unexpectedly; stopping", e);
                }
            } catch (RuntimeException e) {
                LOG.error("Ingest consumer stopped by an unexpected error", e);
            }
        }

        private void handle(ConsumerRecords<byte[], byte[]> records) {
            try {
                processor.process(records);
                consumer.commitSync(nextOffsets(records));
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("Ingest batch of %d records failed, retrying after %s: %s", records.count(),
                        config.consumer().retryBackoff(), e.getMessage());
                rewind(records);
                pause(config.consumer().retryBackoff());
            }
        }

        private void rewind(ConsumerRecords<byte[], byte[]> records) {
            Set<TopicPartition> owned = consumer.assignment();
            for (TopicPartition partition : records.partitions()) {
                if (owned.contains(partition)) {
                    consumer.seek(partition, records.records(partition).get(0).offset());
                }
            }
        }

        private void pause(Duration backoff) {
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }
}
