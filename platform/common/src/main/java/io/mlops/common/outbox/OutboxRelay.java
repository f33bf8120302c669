package io.mlops.common.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlops.common.config.ServiceConfig;
import io.mlops.common.kafka.EventProducer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order and stamps them sent. A pass sends a batch,
 * waits for every acknowledgement, and marks only the acknowledged prefix, so a broker outage
 * delays events but never loses or reorders them; a crash between send and mark re-sends
 * (consumers dedupe by event id).
 */
@Startup
@Singleton
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final EventProducer producer;
    private final OutboxConfig config;
    private final AtomicLong pending = new AtomicLong();
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean brokerWasDown;

    public OutboxRelay(OutboxRepository repository, EventProducer producer, OutboxConfig config,
                       ServiceConfig service, MeterRegistry registry) {
        this.repository = repository;
        this.producer = producer;
        this.config = config;
        Gauge.builder("mlops." + service.metricPrefix() + ".outbox.pending", pending, AtomicLong::get)
                .description("Committed events not yet published to Kafka")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Relays right after a commit that wrote to the outbox, so an event reaches Kafka in
     * milliseconds rather than at the next poll; bursts of commits coalesce into one pass.
     */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        relaySoon();
    }

    /** Runs a relay pass on the relay's own thread as soon as possible; queued requests coalesce. */
    public void relaySoon() {
        again.set(true);
        if (nudgeQueued.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudgeQueued.set(false);
                relay();
            });
        }
    }

    /** The fallback: finds what a nudge missed (e.g. events committed while Kafka was down). */
    @Scheduled(every = "${mlops.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        if (!config.enabled()) {
            return;
        }
        if (!passLock.tryLock()) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                relayPass();
            } while (again.get() && !brokerWasDown);
        } finally {
            passLock.unlock();
        }
    }

    @PreDestroy
    void stopNudges() {
        nudges.shutdownNow();
    }

    private void relayPass() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (sent == config.batchSize());
            pending.set(QuarkusTransaction.requiringNew().call(repository::countUnsent));
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay pass failed, will retry: %s", e.getMessage());
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeSent() {
        Instant cutoff = Instant.now().minus(config.retention());
        long deleted = QuarkusTransaction.requiringNew().call(() -> repository.deleteSentBefore(cutoff));
        if (deleted > 0) {
            LOG.debugf("Purged %d sent outbox events older than %s", deleted, cutoff);
        }
    }

    /** Current count of committed but unpublished events, as last measured. */
    public long pending() {
        return pending.get();
    }

    private int relayBatch() {
        if (!repository.tryRelayLock()) {
            return 0;
        }
        List<OutboxEvent> batch = repository.nextUnsent(config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        try {
            for (OutboxEvent event : batch) {
                Future<RecordMetadata> ack = producer.send(event.topic, event.key, event.payload.getBytes(StandardCharsets.UTF_8));
                acks.add(ack);
                if (failedAlready(ack)) {
                    // A send that failed on the spot (no broker metadata) must not be overtaken by
                    // the next ones, which would reach a broker that came back meanwhile.
                    break;
                }
            }
        } catch (RuntimeException e) {
            noteBrokerDown(e);
        }
        Instant now = Instant.now();
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        int acknowledged = 0;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                noteBrokerDown(e);
                break;
            }
            batch.get(acknowledged++).sentAt = now;
        }
        if (acknowledged < batch.size()) {
            // Whatever is still queued in the producer could be delivered after the next pass has
            // re-sent earlier events; discarding the producer keeps the topic in commit order.
            producer.discard();
        } else if (brokerWasDown) {
            brokerWasDown = false;
            LOG.info("Outbox relay is publishing again");
        }
        return acknowledged == batch.size() ? acknowledged : -1;
    }

    private static boolean failedAlready(Future<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return false;
        }
        try {
            ack.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private void noteBrokerDown(Exception e) {
        if (!brokerWasDown) {
            brokerWasDown = true;
            LOG.warnf("Outbox relay cannot publish (events are kept and retried): %s", e.getMessage());
        }
    }
}
