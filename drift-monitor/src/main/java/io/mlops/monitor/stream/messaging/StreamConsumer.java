package io.mlops.monitor.stream.messaging;

import io.mlops.monitor.config.StreamConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
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
    private final Instance<StreamLoop> loops;
    private volatile StreamLoop loop;

    public StreamConsumer(StreamConfig config, Instance<StreamLoop> loops) {
        this.config = config;
        this.loops = loops;
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

    /** Starts consuming from the last committed checkpoint, with a new loop. */
    public synchronized void start() {
        if (loop == null) {
            loop = loops.get();
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
        loops.destroy(current);
        loop = null;
    }

    /** True while the consumer thread runs (or consumption is disabled). */
    public boolean alive() {
        StreamLoop current = loop;
        return !config.enabled() || (current != null && current.thread.isAlive());
    }
}
