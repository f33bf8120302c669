package io.mlops.common.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A durable, ordered producer of already-serialized CloudEvents (acks=all, idempotent), created on
 * first use so a service starts without Kafka. Sends fail fast while no broker answers instead of
 * blocking callers for the client's default minute.
 */
@ApplicationScoped
public class EventProducer {

    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final byte[] CLOUDEVENTS_JSON = "application/cloudevents+json".getBytes();

    private final String bootstrapServers;
    private final String clientId;
    private volatile Producer<String, byte[]> producer;

    public EventProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         @ConfigProperty(name = "mlops.service.name") String serviceName) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = serviceName + "-events";
    }

    public Future<RecordMetadata> send(String topic, String key, byte[] cloudEventJson) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, cloudEventJson);
        record.headers().add(CONTENT_TYPE_HEADER, CLOUDEVENTS_JSON);
        return producer().send(record);
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.CLIENT_ID_CONFIG, clientId,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                            ProducerConfig.LINGER_MS_CONFIG, 2),
                            new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    /**
     * Drops the current producer, failing whatever it still holds unsent, so records given up on
     * are never delivered late; the next send creates a fresh one.
     */
    public synchronized void discard() {
        Producer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
