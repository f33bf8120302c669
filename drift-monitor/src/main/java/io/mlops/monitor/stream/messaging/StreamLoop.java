package io.mlops.monitor.stream.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.mlops.common.kafka.KafkaAdmin;
import io.mlops.events.Topics;
import io.mlops.monitor.alert.service.AlertPolicy;
import io.mlops.monitor.config.StreamConfig;
import io.mlops.monitor.labels.service.LabelJoiner;
import io.mlops.monitor.performance.service.PerformanceTracker;
import io.mlops.monitor.stream.repository.StreamStateRepository;
import io.mlops.monitor.stream.service.Checkpoint;
import io.mlops.monitor.stream.service.CheckpointWriter;
import io.mlops.monitor.stream.service.ParallelDecoder;
import io.mlops.monitor.stream.service.StreamProcessor;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One run of the stream: its thread, its Kafka consumer and the poll loop. Each start of
 * {@link StreamConsumer} gets a new one from CDI, which restores the committed checkpoint before
 * it reads.
 */
@Dependent
final class StreamLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(StreamLoop.class);
    private static final List<String> TOPICS = List.of(Topics.INFERENCE_PREDICTIONS, Topics.INFERENCE_FEEDBACK,
            Topics.REGISTRY_EVENTS);
    /** Commit early once this much is waiting in memory. */
    private static final int MAX_UNCOMMITTED = 50_000;
    /** Poll timeout while a closed window's result waits for the commit thread. */
    private static final Duration WAITING_POLL = Duration.ofMillis(2);

    private final StreamConfig config;
    private final StreamProcessor processor;
    private final ParallelDecoder decoder;
    private final CheckpointWriter writer;
    private final StreamStateRepository state;
    private final LabelJoiner labels;
    private final AlertPolicy alerts;
    private final PerformanceTracker performance;
    private final KafkaAdmin admin;
    private final MeterRegistry registry;
    private final String bootstrapServers;

    final Thread thread = new Thread(this, "drift-stream");
    volatile boolean running = true;
    volatile boolean finalCheckpoint;
    private final BackgroundCommit commits = new BackgroundCommit();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private String cluster;
    private boolean restored;
    private long lastCheckpoint = System.nanoTime();

    StreamLoop(StreamConfig config, StreamProcessor processor, ParallelDecoder decoder, CheckpointWriter writer,
               StreamStateRepository state, LabelJoiner labels, AlertPolicy alerts, PerformanceTracker performance,
               KafkaAdmin admin, MeterRegistry registry,
               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.processor = processor;
        this.decoder = decoder;
        this.writer = writer;
        this.state = state;
        this.labels = labels;
        this.alerts = alerts;
        this.performance = performance;
        this.admin = admin;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        thread.setDaemon(true);
    }

    void wakeup() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        cluster = awaitClusterId();
        if (cluster == null) {
            return;
        }
        KafkaClientMetrics kafkaMetrics = null;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            kafkaMetrics = new KafkaClientMetrics(c);
            kafkaMetrics.bindTo(registry);
            c.subscribe(TOPICS, this);
            try {
                while (running) {
                    step(c);
                }
                if (finalCheckpoint && restored) {
                    checkpointAndWait(c);
                }
            } finally {
                // Before the consumer leaves the group: a commit landing after a new owner (or this
                // loop's successor) restored would write its checkpoint twice.
                commits.settle();
            }
        } catch (WakeupException e) {
            LOG.debug("Stream consumer woken up to stop");
        } catch (RuntimeException e) {
            LOG.error("Stream consumer stopped by an unexpected error", e);
        } finally {
            if (kafkaMetrics != null) {
                kafkaMetrics.close();
            }
            commits.close();
        }
    }

    private void step(KafkaConsumer<byte[], byte[]> c) {
        try {
            commitOffsets(c, commits.finished());
            if (!restored && !c.assignment().isEmpty()) {
                restore(c, c.assignment());
            }
            // A closed window's result waiting for the commit thread is handed over as soon as that is free.
            var records = c.poll(restored && !processor.current().results().isEmpty() ? WAITING_POLL
                    : config.pollTimeout());
            if (!restored) {
                return;
            }
            List<ConsumerRecord<byte[], byte[]>> batch = new java.util.ArrayList<>(records.count());
            records.forEach(batch::add);
            Object[] decoded = decoder.decode(batch);
            for (int i = 0; i < batch.size(); i++) {
                processor.onRecord(batch.get(i), decoded[i]);
                if (resultOverdue()) {
                    checkpoint(c);
                }
            }
            processor.onResolutions().forEach((tp, from) -> {
                if (c.assignment().contains(tp) && from < c.position(tp)) {
                    c.seek(tp, from);
                }
            });
            processor.tick(Instant.now(), replaying(c));
            // While the commit thread is busy the next checkpoint grows instead of waiting for it,
            // so commits batch up when PostgreSQL is the slower side, up to a bound on memory and
            // until a closed window's result has waited result-latency.
            if (due() && (!commits.busy() || processor.current().size() >= MAX_UNCOMMITTED || resultOverdue())) {
                checkpoint(c);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Stream step failed, restoring from the last checkpoint after %s: %s",
                    config.retryBackoff(), e.toString());
            restored = false;
            pause();
        }
    }

    /** A closed window's result has waited result-latency: it is committed now, after the commit in flight. */
    private boolean resultOverdue() {
        List<Long> closed = processor.current().closedAtNanos();
        return !closed.isEmpty() && System.nanoTime() - closed.get(0) >= config.resultLatency().toNanos();
    }

    private boolean due() {
        Checkpoint cp = processor.current();
        if (!cp.results().isEmpty() || cp.size() >= MAX_UNCOMMITTED) {
            return true;
        }
        return processor.dirty() && System.nanoTime() - lastCheckpoint >= config.checkpointInterval().toNanos();
    }

    /** Hands what the stream did since the last checkpoint to the commit thread, once the commit before it is durable. */
    private void checkpoint(KafkaConsumer<byte[], byte[]> c) {
        Checkpoint cp = processor.takeCheckpoint();
        Set<Integer> partitions = predictionPartitions(c.assignment());
        Checkpoint durable = commits.submit(cp, checkpoint -> writer.commit(checkpoint, cluster, config.groupId(),
                partitions));
        lastCheckpoint = System.nanoTime();
        commitOffsets(c, durable);
    }

    /** A checkpoint that must be durable before the stream goes on: before a rebalance and at shutdown. */
    private void checkpointAndWait(KafkaConsumer<byte[], byte[]> c) {
        checkpoint(c);
        commitOffsets(c, commits.await());
    }

    /**
     * Kafka's copy of the positions (the database's are the ones restored from), for lag tooling.
     *
     * @param durable a committed checkpoint, or {@code null} when none has just become durable
     */
    private void commitOffsets(KafkaConsumer<byte[], byte[]> c, Checkpoint durable) {
        if (durable == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        durable.positions().forEach((tp, offset) -> {
            if (c.assignment().contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(offset));
            }
        });
        c.commitAsync(offsets, (o, e) -> {
            if (e != null) {
                LOG.debugf("Informational Kafka offset commit failed: %s", e.getMessage());
            }
        });
    }

    private void restore(KafkaConsumer<byte[], byte[]> c, Collection<TopicPartition> assigned) {
        // The state read back below must include the commit in flight, and nothing may still change it.
        commits.settle();
        Instant now = Instant.now();
        alerts.reset();
        performance.reset();
        labels.restore(now);
        var open = state.openWindows(cluster, config.groupId());
        Map<TopicPartition, Long> seek = processor.restore(assigned, state.positions(cluster, config.groupId()), open,
                state.previousWindows(cluster, config.groupId()));
        for (TopicPartition tp : assigned) {
            Long from = seek.get(tp);
            if (from != null) {
                c.seek(tp, from);
            } else {
                c.seekToBeginning(List.of(tp));
            }
        }
        restored = true;
        lastCheckpoint = System.nanoTime();
        LOG.infof("Stream restored on %d partitions (cluster %s); %d open-window replay points", assigned.size(),
                cluster, open.size());
    }

    /** Still re-reading records handled before a restart or a seek back. */
    private boolean replaying(KafkaConsumer<byte[], byte[]> c) {
        for (TopicPartition tp : c.assignment()) {
            if (c.position(tp) < processor.highWater(tp)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!restored || !running) {
            // Nothing more is committed for these partitions, but what is in flight must land first.
            commits.settle();
        } else {
            try {
                checkpointAndWait(consumer);
            } catch (RuntimeException e) {
                LOG.warnf("Checkpoint before rebalance failed; the new owner replays from the previous one: %s",
                        e.getMessage());
            }
        }
        restored = false;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        try {
            restore(consumer, consumer.assignment());
        } catch (RuntimeException e) {
            LOG.warnf("Restoring the stream checkpoint failed, will retry: %s", e.getMessage());
            restored = false;
        }
    }

    private String awaitClusterId() {
        while (running) {
            try {
                return admin.clusterId(5_000);
            } catch (Exception e) {
                LOG.debugf("Kafka not reachable yet: %s", e.getMessage());
                pause();
            }
        }
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "drift-monitor-stream");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Fetch large batches: one poll, one checkpoint, so commits do not scale with the event rate.
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return p;
    }

    private static Set<Integer> predictionPartitions(Collection<TopicPartition> assigned) {
        return assigned.stream().filter(tp -> tp.topic().equals(Topics.INFERENCE_PREDICTIONS))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }
}
