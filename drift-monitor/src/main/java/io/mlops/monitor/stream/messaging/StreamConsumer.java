package io.mlops.monitor.stream.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlops.common.kafka.KafkaAdmin;
import io.mlops.monitor.alert.service.AlertPolicy;
import io.mlops.monitor.config.StreamConfig;
import io.mlops.monitor.labels.service.LabelJoiner;
import io.mlops.monitor.performance.service.PerformanceTracker;
import io.mlops.monitor.stream.repository.StreamStateRepository;
import io.mlops.monitor.stream.service.CheckpointWriter;
import io.mlops.monitor.stream.service.ParallelDecoder;
import io.mlops.monitor.stream.service.StreamProcessor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The monitor's one consumer of predictions, feedback and registry events: a plain kafka-clients
 * loop on its own thread rather than SmallRye Reactive Messaging, because correctness here depends
 * on controlling offsets. Positions live in PostgreSQL and are committed in the same transaction as
 * the windows, results, alerts and joins they produced; on start (and after any failure) the loop
 * restores that checkpoint and seeks to it, replaying open windows from their first offset. Kafka's
 * own committed offsets are written too, after the database, only so lag shows in the usual tools.
 * One thread keeps window state free of locks; it never writes to the database per event.
 */
@ApplicationScoped
public class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);

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
    private volatile StreamLoop loop;

    public StreamConsumer(StreamConfig config, StreamProcessor processor, ParallelDecoder decoder, CheckpointWriter writer,
                          StreamStateRepository state, LabelJoiner labels, AlertPolicy alerts,
                          PerformanceTracker performance, KafkaAdmin admin, MeterRegistry registry,
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
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            LOG.info("Stream consumer disabled (mlops.monitor.stream.enabled=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop(true);
    }

    /** Starts consuming from the last committed checkpoint. */
    public synchronized void start() {
        if (loop == null) {
            loop = new StreamLoop(config, processor, decoder, writer, state, labels, alerts, performance, admin, registry,
                    bootstrapServers);
            loop.thread.start();
        }
    }

    /**
     * Stops consuming. With {@code checkpoint} false nothing since the last checkpoint is committed,
     * exactly as if the process had died: the next start replays it.
     */
    public synchronized void stop(boolean checkpoint) {
        StreamLoop current = loop;
        if (current == null) {
            return;
        }
        current.finalCheckpoint = checkpoint;
        current.running = false;
        current.wakeup();
        try {
            current.thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
    }

    /** True while the consumer thread runs (or consumption is disabled). */
    public boolean alive() {
        StreamLoop current = loop;
        return !config.enabled() || (current != null && current.thread.isAlive());
    }

}
