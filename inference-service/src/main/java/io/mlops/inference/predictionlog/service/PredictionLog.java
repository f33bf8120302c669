package io.mlops.inference.predictionlog.service;

import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
import io.mlops.inference.config.PredictionLogConfig;
import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.support.ByteBudget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Logs every prediction to {@code mlops.inference.predictions.v1} without ever making a request
 * wait: requests offer to a bounded queue, one thread builds the events and hands them to Kafka.
 * A full queue (by count or by the memory its predictions hold) or a failed delivery drops the
 * prediction and counts it in {@code mlops_inference_log_dropped_total}.
 */
@ApplicationScoped
public class PredictionLog {

    private static final Logger LOG = Logger.getLogger(PredictionLog.class);
    private static final byte[] CLOUDEVENTS_JSON = CloudEvent.MEDIA_TYPE.getBytes(StandardCharsets.UTF_8);

    private static final int DRAIN_BATCH = 512;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PredictionLogConfig config;
    private final InferenceMetrics metrics;
    private final RecentPredictions recent;
    private final String bootstrapServers;
    private final BlockingQueue<PendingPrediction> queue;
    /** What the queued predictions hold, by their estimates. */
    private final ByteBudget queuedBytes;
    private volatile Producer<String, byte[]> producer;
    private volatile boolean running = true;
    private volatile boolean failing;
    private volatile Thread thread;

    public PredictionLog(PredictionLogConfig config, InferenceMetrics metrics, RecentPredictions recent,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.metrics = metrics;
        this.recent = recent;
        this.bootstrapServers = bootstrapServers;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity()));
        this.queuedBytes = new ByteBudget(config.queueMaxBytes().asLongValue());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        // The producer is made on first use, where a bad setting would only drop every prediction.
        checkProducerSettings(config);
        thread = new Thread(this::drain, "prediction-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** Fails the start on a codec Kafka does not know or a negative linger, naming the setting. */
    static void checkProducerSettings(PredictionLogConfig config) {
        try {
            CompressionType.forName(config.compression());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mlops.inference.prediction-log.compression: unknown codec '"
                    + config.compression() + "' (none, gzip, snappy, lz4, zstd)", e);
        }
        if (config.linger().isNegative()) {
            throw new IllegalStateException("mlops.inference.prediction-log.linger must not be negative: "
                    + config.linger());
        }
    }

    /** Never blocks: a prediction that does not fit in the queue is dropped and counted. */
    public void log(PendingPrediction prediction) {
        if (prediction.arm() != Arm.SHADOW) {
            recent.remember(prediction.predictionId(), prediction.model());
        }
        if (!config.enabled()) {
            return;
        }
        if (stopped()) {
            // The sending thread has left: nothing would send it.
            metrics.logDropped();
            return;
        }
        long bytes = prediction.heldBytes();
        if (!queuedBytes.tryTake(bytes)) {
            metrics.logDropped();
        } else if (!queue.offer(prediction)) {
            queuedBytes.giveBack(bytes);
            metrics.logDropped();
        } else if (stopped() && queue.remove(prediction)) {
            // Offered as the thread left: counted, not left in a queue nobody reads.
            queuedBytes.giveBack(bytes);
            metrics.logDropped();
        }
    }

    /** Shutting down and the sending thread gone (or never started): the queue is read no more. */
    private boolean stopped() {
        Thread sender = thread;
        return !running && (sender == null || !sender.isAlive());
    }

    /** Memory the waiting predictions hold, by their estimates; for tests and diagnostics. */
    public long backlogBytes() {
        return queuedBytes.held();
    }

    /** Predictions waiting for Kafka; for tests and diagnostics. */
    public int backlog() {
        return queue.size();
    }

    /** On shutdown the queue is sent and flushed, within the shutdown timeout. */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stopped()) {
            // Offered between the thread's last look at the queue and the flag turning: never sent.
            for (PendingPrediction unsent; (unsent = queue.poll()) != null; ) {
                queuedBytes.giveBack(unsent.heldBytes());
                metrics.logDropped();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * While predictions flow, the thread takes whatever has gathered every {@link #GATHER_NANOS}
     * instead of waiting on the queue: a waiting consumer must be woken by the request thread that
     * offers, a system call on the request's path for every prediction. Only after
     * {@link #IDLE_NANOS} without any does it wait on the queue again, so an idle service does not
     * wake at all.
     */
    private void drain() {
        List<PendingPrediction> batch = new ArrayList<>(DRAIN_BATCH);
        long lastSeen = System.nanoTime();
        while (running || !queue.isEmpty()) {
            int taken = queue.drainTo(batch, DRAIN_BATCH);
            if (taken > 0) {
                long sent = 0;
                for (PendingPrediction p : batch) {
                    send(p);
                    sent += p.heldBytes();
                }
                queuedBytes.giveBack(sent);
                batch.clear();
                lastSeen = System.nanoTime();
                if (taken < DRAIN_BATCH) {
                    LockSupport.parkNanos(GATHER_NANOS);
                }
            } else if (System.nanoTime() - lastSeen < IDLE_NANOS) {
                LockSupport.parkNanos(GATHER_NANOS);
            } else {
                PendingPrediction next;
                try {
                    next = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (next != null) {
                    send(next);
                    queuedBytes.giveBack(next.heldBytes());
                    lastSeen = System.nanoTime();
                }
            }
        }
    }

    private void send(PendingPrediction p) {
        try {
            Prediction data = p.toPrediction();
            CloudEvent<Prediction> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
                    Sources.INFERENCE_SERVICE, EventType.PREDICTION.type(), p.model(), p.timestamp(),
                    CloudEvent.DATA_CONTENT_TYPE, p.actor(), p.traceparent(), data);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventType.PREDICTION.topic(), p.model(),
                    EventJson.toBytes(event));
            record.headers().add("content-type", CLOUDEVENTS_JSON);
            producer().send(record, (metadata, error) -> {
                if (error != null) {
                    dropped(error);
                } else if (failing) {
                    failing = false;
                    LOG.info("Prediction log is delivering again");
                }
            });
        } catch (RuntimeException e) {
            dropped(e);
        }
    }

    private void dropped(Exception e) {
        metrics.logDropped();
        if (!failing) {
            failing = true;
            LOG.warnf("Prediction log cannot deliver, dropping (counted in mlops_inference_log_dropped_total): %s",
                    e.getMessage());
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "inference-prediction-log",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, config.linger().toMillis(),
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression(),
                    // A stalled broker must not hold the log thread long: the queue absorbs the gap, then drops.
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
