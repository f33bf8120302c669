package io.mlops.common.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.Future;
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

    private final LazyProducer<String, byte[]> producer;

    public EventProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         @ConfigProperty(name = "mlops.service.name") String serviceName) {
        this.producer = new LazyProducer<>(bootstrapServers, serviceName + "-events",
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> send(String topic, String key, byte[] cloudEventJson) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, cloudEventJson);
        record.headers().add(CONTENT_TYPE_HEADER, CLOUDEVENTS_JSON);
        return producer.get().send(record);
    }

    /**
     * Drops the current producer, failing whatever it still holds unsent, so records given up on
     * are never delivered late; the next send creates a fresh one.
     */
    public void discard() {
        producer.discard();
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
