package io.mlops.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A durable producer (acks=all, idempotent) created on first use, so a service starts without
 * Kafka. Sends fail fast while no broker answers instead of blocking callers for the client's
 * default minute.
 */
final class LazyProducer<K, V> {

    private final Map<String, Object> config;
    private final Serializer<K> keys;
    private final Serializer<V> values;
    private volatile Producer<K, V> producer;

    /** {@code extra} adds to or overrides the durable, fail-fast defaults. */
    LazyProducer(String bootstrapServers, String clientId, Map<String, Object> extra, Serializer<K> keys,
                 Serializer<V> values) {
        Map<String, Object> c = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000));
        c.putAll(extra);
        this.config = Map.copyOf(c);
        this.keys = keys;
        this.values = values;
    }

    Producer<K, V> get() {
        Producer<K, V> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(config, keys, values);
                }
                current = producer;
            }
        }
        return current;
    }

    /** Drops the current producer, failing whatever it still holds unsent; the next send creates a fresh one. */
    synchronized void discard() {
        Producer<K, V> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }

    void close() {
        Producer<K, V> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
