package io.mlops.common.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows every partition of a topic from the moment it starts, on its own thread, so that every
 * replica sees every event. It is the effect of a consumer group per replica without its costs:
 * no group to join (no rebalance wait at start-up) and none left behind on the broker when the
 * replica goes away. Nothing is committed: the state the events describe is re-read from its
 * source of truth when the consumer is (re)positioned, which {@code onPositioned} triggers.
 */
public final class BroadcastConsumer {

    private static final Logger LOG = Logger.getLogger(BroadcastConsumer.class);
    /** How long one poll waits for records when none is given. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(200);
    private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);

    private final String topic;
    private final Duration poll;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final Runnable onPositioned;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private KafkaClientMetrics metrics;
    private volatile boolean running = true;

    public BroadcastConsumer(String bootstrapServers, String topic, String clientId,
                             Consumer<ConsumerRecord<byte[], byte[]>> handler, Runnable onPositioned) {
        this(bootstrapServers, topic, clientId, DEFAULT_POLL, handler, onPositioned);
    }

    /**
     * @param clientId     the Kafka client id, also the thread's name
     * @param poll         how long one poll waits for records (and a stop for the loop to notice)
     * @param handler      called for every record, on the consumer's thread; what it throws is logged and skipped
     * @param onPositioned called once the consumer is positioned at the end of every partition
     */
    public BroadcastConsumer(String bootstrapServers, String topic, String clientId, Duration poll,
                             Consumer<ConsumerRecord<byte[], byte[]>> handler, Runnable onPositioned) {
        this.topic = topic;
        this.poll = poll;
        this.handler = handler;
        this.onPositioned = onPositioned;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
    }

    /**
     * Exports the consumer's Kafka client metrics (lag and fetch rates, tagged with its client id)
     * until it stops. Call before starting.
     */
    public BroadcastConsumer bindMetrics(MeterRegistry registry) {
        metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        return this;
    }

    /** Starts following; the consumer is positioned on its own thread, once Kafka answers. */
    public void start() {
        thread.start();
    }

    /**
     * Positions the consumer at the end of the topic before returning, so that every event
     * published after this call is seen (or, when Kafka does not answer, logs it and goes on
     * trying in the background), then starts following.
     */
    public void positionThenStart() {
        try {
            assignPartitions();
        } catch (RuntimeException e) {
            LOG.warnf("Could not position the consumer of %s yet (retrying in the background): %s", topic,
                    e.getMessage());
        }
        thread.start();
    }

    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private void run() {
        long nextPartitionCheck = 0;
        boolean failing = false;
        try (KafkaConsumer<byte[], byte[]> closing = consumer) {
            while (running) {
                try {
                    if (System.nanoTime() - nextPartitionCheck > 0) {
                        assignPartitions();
                        nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(poll)) {
                        handle(record);
                    }
                    if (failing) {
                        failing = false;
                        LOG.infof("Following %s again", topic);
                    }
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!failing) {
                        LOG.warnf("Cannot follow %s yet, retrying: %s", topic, e.getMessage());
                        failing = true;
                    }
                    nextPartitionCheck = 0;
                    pause();
                }
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            LOG.warnf("Skipping the event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** From the end at first; partitions added later from their beginning (all their events are new). */
    private void assignPartitions() {
        List<TopicPartition> all = partitions();
        var current = consumer.assignment();
        if (current.isEmpty()) {
            consumer.assign(all);
            consumer.seekToEnd(all);
            all.forEach(consumer::position);
            onPositioned.run();
        } else if (!current.containsAll(all)) {
            List<TopicPartition> added = all.stream().filter(p -> !current.contains(p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions yet");
        }
        List<TopicPartition> out = new ArrayList<>(infos.size());
        for (PartitionInfo info : infos) {
            out.add(new TopicPartition(info.topic(), info.partition()));
        }
        return out;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
