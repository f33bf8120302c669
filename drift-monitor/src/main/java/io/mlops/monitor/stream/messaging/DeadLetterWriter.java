package io.mlops.monitor.stream.messaging;

import io.mlops.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends prediction records that can never be counted to {@code mlops.inference.predictions.dlq.v1}:
 * the original key, bytes and headers plus {@code error}, {@code source-topic},
 * {@code source-offset} and {@code source-partition}, so they can be fixed and replayed byte for
 * byte. The stream waits for the acknowledgement before it commits past the record.
 */
@ApplicationScoped
public class DeadLetterWriter {

    public static final String HEADER_SOURCE_PARTITION = "source-partition";
    static final int MAX_ERROR_LENGTH = 2_000;

    private final String bootstrapServers;
    private volatile Producer<byte[], byte[]> producer;

    public DeadLetterWriter(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public Future<RecordMetadata> send(ConsumerRecord<byte[], byte[]> source, String error) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.INFERENCE_PREDICTIONS_DLQ, null,
                source.key(), source.value());
        for (Header h : source.headers()) {
            record.headers().add(h);
        }
        String message = error == null ? "unreadable record" : error;
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH - 3) + "...";
        }
        record.headers().add(Topics.DLQ_HEADER_ERROR, utf8(message));
        record.headers().add(Topics.DLQ_HEADER_SOURCE_TOPIC, utf8(source.topic()));
        record.headers().add(Topics.DLQ_HEADER_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        record.headers().add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        return producer().send(record);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.CLIENT_ID_CONFIG, "drift-monitor-dlq",
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                            new ByteArraySerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
