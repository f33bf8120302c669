package io.mlops.e2e;

import io.mlops.events.EventJson;
import io.mlops.events.Topics;
import io.mlops.events.inference.Prediction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the prediction topic from the beginning in the background and counts events per request and arm. */
final class PredictionLog implements AutoCloseable {

    private final Map<String, Integer> byRequestAndArm = new ConcurrentHashMap<>();
    private final Map<String, Integer> versionsByRequest = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.atomic.AtomicLong unreadable = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    private final Thread reader;

    PredictionLog(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.INFERENCE_PREDICTIONS));
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            Prediction p = EventJson.fromBytes(record.value(), Prediction.class).data();
                            byRequestAndArm.merge(p.requestId() + "/" + p.arm().wireName(), 1, Integer::sum);
                            versionsByRequest.put(p.requestId(), p.version());
                        } catch (RuntimeException e) {
                            // Kept, not thrown: a dead reader would look like "no events at all".
                            unreadable.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                }
            }
        }, "e2e-prediction-log");
        reader.setDaemon(true);
        reader.start();
    }

    /** Events per {@code requestId/arm} for requests whose id starts with the prefix. */
    Map<String, Integer> eventsFor(String requestPrefix) {
        Map<String, Integer> selected = new java.util.TreeMap<>();
        byRequestAndArm.forEach((key, count) -> {
            if (key.startsWith(requestPrefix)) {
                selected.put(key, count);
            }
        });
        return selected;
    }

    /** Records the reader could not decode as the contract's prediction event, and the first reason. */
    String unreadable() {
        return unreadable.get() + " unreadable" + (firstError.get() == null ? "" : ", first: " + firstError.get());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(5_000);
    }
}
